// How the lesson's programs show and recognise what the other side sent.
#include "core/display.hpp"

#include <gtest/gtest.h>

namespace liaison::core {
namespace {

TEST(LessonDisplay, WithoutLineEndRemovesOneTerminatorOnly) {
  EXPECT_EQ(without_line_end("abc\n"), "abc");
  EXPECT_EQ(without_line_end("abc\r\n"), "abc");
  EXPECT_EQ(without_line_end("abc\n\n"), "abc\n");
  EXPECT_EQ(without_line_end("abc\r"), "abc\r");
  EXPECT_EQ(without_line_end(""), "");
}

TEST(LessonDisplay, PrintableKeepsValidTextAndNewlines) {
  EXPECT_EQ(printable("Gagné ! 😀\tfin\nsuite"), "Gagné ! 😀\tfin\nsuite");
}

TEST(LessonDisplay, PrintableReplacesEachInvalidByte) {
  EXPECT_EQ(printable("\xff"), "\uFFFD");
  EXPECT_EQ(printable("a\xc3"), "a\uFFFD");                  // cut character at the end
  EXPECT_EQ(printable("\xe2\x82" "b"), "\uFFFD\uFFFDb");     // cut character inside
  EXPECT_EQ(printable("\xc0\xaf"), "\uFFFD\uFFFD");          // overlong
  EXPECT_EQ(printable("\xed\xa0\x80"), "\uFFFD\uFFFD\uFFFD");  // surrogate
  EXPECT_EQ(printable("\x80" "é"), "\uFFFDé");               // lone continuation
}

TEST(LessonDisplay, PrintableReplacesTerminalControls) {
  EXPECT_EQ(printable("\x1b[2J"), "\uFFFD[2J");
  EXPECT_EQ(printable("a\rb\x7f"), "a\uFFFDb\uFFFD");
  EXPECT_EQ(printable("\xc2\x9b" "1m"), "\uFFFD1m");  // C1 CSI
  EXPECT_EQ(printable(std::string_view("a\0b", 3)), "a\uFFFDb");
}

TEST(LessonDisplay, EndsConversationIsTheLessonsExactFinInAnyCase) {
  EXPECT_TRUE(ends_conversation("FIN"));
  EXPECT_TRUE(ends_conversation("fin"));
  EXPECT_TRUE(ends_conversation("FIN\n"));
  EXPECT_TRUE(ends_conversation("Fin\r\n"));
  EXPECT_FALSE(ends_conversation(" FIN"));
  EXPECT_FALSE(ends_conversation("FIN "));
  EXPECT_FALSE(ends_conversation("FIN\n\n"));
  EXPECT_FALSE(ends_conversation("FINI"));
  EXPECT_FALSE(ends_conversation(""));
}

}  // namespace
}  // namespace liaison::core
