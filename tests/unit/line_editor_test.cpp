// Where libedit leaves the cursor when the line wraps: the duplex client
// erases from the prompt's first row, so a wrong row would leave a piece of
// the old line on screen, or erase a line of the server's.
#include <gtest/gtest.h>

#include <clocale>

#include "terminal/line_editor.hpp"

namespace liaison::terminal {
namespace {

class CursorRow : public ::testing::Test {
 protected:
  // Character widths come from the locale, as in the client.
  void SetUp() override { ASSERT_NE(std::setlocale(LC_CTYPE, "C.UTF-8"), nullptr); }
};

TEST_F(CursorRow, ShortLineStaysOnThePromptsRow) {
  EXPECT_EQ(cursor_row(L"moi > ", L"abc", 3, 80), 0U);
  EXPECT_EQ(cursor_row(L"moi > ", L"", 0, 80), 0U);
}

TEST_F(CursorRow, AFullRowPutsTheCursorOnTheNext) {
  EXPECT_EQ(cursor_row(L"moi > ", L"abcd", 4, 10), 1U);  // 6 + 4 = 10 columns
  EXPECT_EQ(cursor_row(L"moi > ", L"abcd", 3, 10), 0U);
  EXPECT_EQ(cursor_row(L"moi > ", L"abc", 3, 10), 0U);
}

TEST_F(CursorRow, LongLinesCountEveryRowUpToTheCursor) {
  const std::wstring line(50, L'x');  // 56 columns with the prompt
  EXPECT_EQ(cursor_row(L"moi > ", line, 50, 20), 2U);
  EXPECT_EQ(cursor_row(L"moi > ", line, 14, 20), 1U);  // column 20: the second row's start
  EXPECT_EQ(cursor_row(L"moi > ", line, 13, 20), 0U);
  EXPECT_EQ(cursor_row(L"moi > ", line, 0, 20), 0U);
}

TEST_F(CursorRow, WideCharactersThatDoNotFitStartTheNextRow) {
  EXPECT_EQ(cursor_row(L"moi > ", L"ab\u4E2D\u4E2D", 2, 10), 0U);  // 8 + 2 fits exactly
  EXPECT_EQ(cursor_row(L"moi > ", L"ab\u4E2D\u4E2D", 3, 10), 1U);
  EXPECT_EQ(cursor_row(L"moi > ", L"ab\u4E2D", 2, 9), 1U);  // 8 + 2 > 9: on the next row
  EXPECT_EQ(cursor_row(L"moi > ", L"ab\u4E2D", 3, 9), 1U);
  EXPECT_EQ(cursor_row(L"moi > ", L"\u00E9t\u00E9", 3, 9), 1U);  // accents take one column each
}

TEST_F(CursorRow, ControlCharactersAndTabsTakeTheirShownWidth) {
  EXPECT_EQ(cursor_row(L"moi > ", L"\x01x", 1, 8), 1U);  // ^A is two columns
  EXPECT_EQ(cursor_row(L"moi > ", L"ab\t", 3, 10), 1U);   // the tab runs to column 10
  EXPECT_EQ(cursor_row(L"moi > ", L"a\t", 2, 10), 0U);    // to column 8
}

}  // namespace
}  // namespace liaison::terminal
