// The wire as the transcript shows it: invisible characters, cut UTF-8, and
// one line per message with direction, time and size.
#include "core/wire_transcript.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace liaison::core {
namespace {

TEST(ShowInvisible, ShowsNewlinesCarriageReturnsAndControlBytes) {
  EXPECT_EQ(show_invisible("50\r\n"), "50\\r\\n");
  EXPECT_EQ(show_invisible(std::string("a\0b\x1b", 4)), "a\\x00b\\x1B");
  EXPECT_EQ(show_invisible("tab\there \\"), "tab\\there \\\\");
}

TEST(ShowInvisible, KeepsWholeAccentedCharacters) {
  EXPECT_EQ(show_invisible("Gagné ! C’était ça"), "Gagné ! C’était ça");
}

TEST(ShowInvisible, MarksACharacterCutAtTheEnd) {
  const std::string cut = std::string("caf") + "\xC3";
  EXPECT_EQ(show_invisible(cut, "<cut>"), "caf\\xC3<cut>");
  const std::string quote_cut = "C\xE2\x80";  // ’ is E2 80 99
  EXPECT_EQ(show_invisible(quote_cut, "<cut>"), "C\\xE2\\x80<cut>");
}

TEST(ShowInvisible, ShowsInvalidBytesInTheMiddleAsHex) {
  EXPECT_EQ(show_invisible("a\xFF"
                           "b\xC3(",
                           "<cut>"),
            "a\\xFFb\\xC3(");
  EXPECT_EQ(show_invisible("\x80\x80"), "\\x80\\x80");
}

TEST(FormatWireMessage, SaysDirectionTimeAndBytes) {
  EXPECT_EQ(format_wire_message({WireDirection::sent, 12, "50\n"}, Lang::fr), "+0.012 s →    3 octets 50\\n");
  EXPECT_EQ(format_wire_message({WireDirection::received, 1500, "C"}, Lang::en), "+1.500 s ←    1 byte   C");
  EXPECT_EQ(format_wire_message({WireDirection::received, 0, std::string("\xC3")}, Lang::en),
            "+0.000 s ←    1 byte   \\xC3⟨cut UTF-8⟩");
}

TEST(WireTrace, GivesOneLinePerMessageWithThePeerInFront) {
  std::vector<std::string> lines;
  WireTrace trace([&](std::string_view line) { lines.emplace_back(line); }, Lang::fr, "127.0.0.1:4242 ");
  trace.received("Bienvenue\n", 0);
  trace.sent("50", 2003);
  trace.closed(WireClose::after_fin, 2100);
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0], "127.0.0.1:4242 +0.000 s ←   10 octets Bienvenue\\n");
  EXPECT_EQ(lines[1], "127.0.0.1:4242 +2.003 s →    2 octets 50");
  EXPECT_EQ(lines[2], "127.0.0.1:4242 +2.100 s × fermée après FIN");
}

}  // namespace
}  // namespace liaison::core
