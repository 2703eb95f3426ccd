// Replies of servers that are not liaison: understood by keywords, bounds
// read from the greeting, and answers checked against each other.
#include "core/reply_reader.hpp"

#include <gtest/gtest.h>

namespace liaison::core {
namespace {

ReplyMeaning verdict(std::string_view reply) { return understand_reply(reply).meaning; }

TEST(UnderstandReply, ReadsTheLessonsWordsAndOthers) {
  EXPECT_EQ(verdict("C'est plus !"), ReplyMeaning::higher);
  EXPECT_EQ(verdict("C'est moins !"), ReplyMeaning::lower);
  EXPECT_EQ(verdict("plus"), ReplyMeaning::higher);
  EXPECT_EQ(verdict("MOINS\n"), ReplyMeaning::lower);
  EXPECT_EQ(verdict("Trop petit !"), ReplyMeaning::higher);
  EXPECT_EQ(verdict("trop grand"), ReplyMeaning::lower);
  EXPECT_EQ(verdict("Le nombre est plus petit"), ReplyMeaning::lower);
  EXPECT_EQ(verdict("Le nombre est plus grand"), ReplyMeaning::higher);
  EXPECT_EQ(verdict("Higher!"), ReplyMeaning::higher);
  EXPECT_EQ(verdict("Too high"), ReplyMeaning::lower);
  EXPECT_EQ(verdict("Lower!"), ReplyMeaning::lower);
}

TEST(UnderstandReply, ReadsWins) {
  EXPECT_EQ(verdict("Gagné ! C'était 42, trouvé en 7 essai(s). Rejouer ? (o/n)"), ReplyMeaning::won);
  EXPECT_EQ(verdict("Bravo, tu as trouvé en plus de 5 coups"), ReplyMeaning::won);
  EXPECT_EQ(verdict("You won!"), ReplyMeaning::won);
  EXPECT_EQ(understand_reply("Bravo !").keyword, "bravo");
}

TEST(UnderstandReply, RefusesWhatItCannotTell) {
  EXPECT_EQ(verdict("plus ou moins"), ReplyMeaning::unknown);
  EXPECT_EQ(verdict("Ce n'est pas un nombre"), ReplyMeaning::unknown);
  EXPECT_EQ(verdict("surplus"), ReplyMeaning::unknown);
  EXPECT_EQ(verdict("incorrect"), ReplyMeaning::unknown);
  EXPECT_EQ(verdict(" fin "), ReplyMeaning::fin);
}

TEST(ReadBounds, ReadsSeveralWordings) {
  auto is = [](std::optional<Bounds> b, std::int64_t min, std::int64_t max) {
    return b && b->min == min && b->max == max;
  };
  EXPECT_TRUE(is(read_bounds("Devinez le nombre entier entre 1 et 100."), 1, 100));
  EXPECT_TRUE(is(read_bounds("Un nombre de 1 à 1000 ?"), 1, 1000));
  EXPECT_TRUE(is(read_bounds("Guess between 5 and 50"), 5, 50));
  EXPECT_TRUE(is(read_bounds("from 0 to 20"), 0, 20));
  EXPECT_TRUE(is(read_bounds("Nombre (1-100) :"), 1, 100));
  EXPECT_FALSE(read_bounds("Bonjour ! Devinez mon nombre."));
  EXPECT_FALSE(read_bounds("essai 3 et 2"));
}

TEST(SecretCandidates, NarrowsWithEveryAnswer) {
  SecretCandidates secrets({1, 100});
  EXPECT_TRUE(secrets.take(50, ReplyMeaning::higher));
  EXPECT_TRUE(secrets.take(75, ReplyMeaning::lower));
  EXPECT_EQ(secrets.remaining()->min, 51);
  EXPECT_EQ(secrets.remaining()->max, 74);
  EXPECT_TRUE(secrets.take(60, ReplyMeaning::won));
  EXPECT_EQ(secrets.remaining()->min, 60);
}

TEST(SecretCandidates, SeesSwappedAnswers) {
  // Secret 70, plus and moins swapped: 50 gets "moins", 25 gets "plus", ...
  SecretCandidates secrets({1, 100});
  EXPECT_TRUE(secrets.take(50, ReplyMeaning::lower));
  EXPECT_TRUE(secrets.take(25, ReplyMeaning::lower));
  EXPECT_TRUE(secrets.take(12, ReplyMeaning::lower));
  EXPECT_TRUE(secrets.take(6, ReplyMeaning::lower));
  EXPECT_TRUE(secrets.take(3, ReplyMeaning::lower));
  EXPECT_TRUE(secrets.take(1, ReplyMeaning::lower) == false);
  EXPECT_FALSE(secrets.consistent());
}

TEST(SecretCandidates, AWinOutsideWhatIsLeftContradicts) {
  SecretCandidates secrets({1, 100});
  EXPECT_TRUE(secrets.take(50, ReplyMeaning::higher));
  EXPECT_FALSE(secrets.take(20, ReplyMeaning::won));
}

// Two send()s in a row that one read returned together.
TEST(GluedReplies, SeesSentencesStuckEndToEnd) {
  const auto glued = glued_replies("C'est plus !Ton nombre ?", false);
  ASSERT_TRUE(glued);
  EXPECT_EQ(glued->first, "C'est plus !");
  EXPECT_EQ(glued->second, "Ton nombre ?");
  EXPECT_TRUE(glued_replies("Bienvenue !Devinez un nombre entre 1 et 100.", false));
  EXPECT_TRUE(glued_replies("Trop grand.Écris un autre nombre", false));
}

TEST(GluedReplies, SeesTwoDirectionsOnTwoLines) {
  const auto glued = glued_replies("C'est plus\nC'est moins", false);
  ASSERT_TRUE(glued);
  EXPECT_EQ(glued->first, "C'est plus");
  EXPECT_EQ(glued->second, "C'est moins");
  EXPECT_TRUE(glued_replies("C'est plus !\nC'est plus !\n", false));
}

TEST(GluedReplies, SeesTwoLinesFromALineServer) {
  EXPECT_TRUE(glued_replies("Trop petit\nEssaie encore\n", true));
  EXPECT_FALSE(glued_replies("Trop petit\nEssaie encore\n", false));  // raw: one send may hold a \n
}

TEST(GluedReplies, OneMessageIsNotGlued) {
  for (const bool line : {false, true}) {
    EXPECT_FALSE(glued_replies("C'est plus !", line));
    EXPECT_FALSE(glued_replies("Trop petit\n", line));
    EXPECT_FALSE(glued_replies("Gagné ! C'était 71, trouvé en 5 essai(s). Rejouer ? (o/n)", line));
    EXPECT_FALSE(glued_replies("3.5 n'est pas un nombre entier : proposez-en un.", line));
    EXPECT_FALSE(glued_replies("", line));
  }
  EXPECT_FALSE(glued_replies("Bravo !\nTu as gagné en 5 coups.", false));
}

TEST(GluedReplies, AFinAfterTheWinIsTheProtocol) {
  EXPECT_FALSE(glued_replies("Gagné en 3 essais !FIN", false));
  EXPECT_FALSE(glued_replies("Bravo !\nFIN\n", true));
  EXPECT_FALSE(glued_replies("FIN", false));
}

}  // namespace
}  // namespace liaison::core
