// When the bench has read a whole reply: lines end at "\n"; raw replies
// (no terminator) are whole once they read as a full sentence of the game,
// so a reply split by TCP is waited for, and anything else is unexpected.
#include "bench/reply_shape.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace liaison::bench {
namespace {

constexpr std::string_view won = "Gagné ! C'était 42, trouvé en 7 essai(s). Rejouer ? (o/n)";
constexpr std::string_view greeting = "Bienvenue au juste prix ! Devinez le nombre entier entre 1 et 100.";

TEST(ReplyShape, RawSentencesInFullAreWhole) {
  for (std::string_view reply : {std::string_view("C'est plus !"), std::string_view("C'est moins !"), won, greeting,
                                 std::string_view("FIN"), std::string_view("Higher!"), std::string_view("Lower!"),
                                 std::string_view("You won! It was 3, found in 2 tries. Play again? (y/n)")})
    EXPECT_EQ(raw_reply_state(reply), ReplyState::whole) << reply;
}

TEST(ReplyShape, EveryRawPrefixIsPartial) {
  for (std::string_view reply : {std::string_view("C'est moins !"), won, greeting}) {
    for (std::size_t size = 1; size < reply.size(); ++size)
      EXPECT_EQ(raw_reply_state(reply.substr(0, size)), ReplyState::partial) << reply.substr(0, size);
  }
}

TEST(ReplyShape, AGreetingIsNotWholeBeforeItsFullStop) {
  EXPECT_EQ(raw_reply_state("Bienvenue au juste prix ! Devinez le nombre entier entre 1 et 10"), ReplyState::partial);
}

TEST(ReplyShape, OtherRawTextIsUnexpected) {
  EXPECT_EQ(raw_reply_state("Ce n'est pas un nombre entier : proposez un nombre entre 1 et 100."),
            ReplyState::unexpected);
  EXPECT_EQ(raw_reply_state("C'est plus !C'est moins !"), ReplyState::unexpected);
  EXPECT_EQ(raw_reply_state(std::string(2000, 'C')), ReplyState::unexpected);
}

TEST(ReplyShape, LinesEndAtTheirNewline) {
  EXPECT_EQ(line_reply_state("C'est plus"), ReplyState::partial);
  EXPECT_EQ(line_reply_state("C'est plus !\n"), ReplyState::whole);
  EXPECT_EQ(line_reply_state("C'est plus !\nC'est"), ReplyState::unexpected);
  EXPECT_EQ(without_terminator("FIN\r\n"), "FIN");
  EXPECT_EQ(without_terminator("FIN"), "FIN");
}

}  // namespace
}  // namespace liaison::bench
