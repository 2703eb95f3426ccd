// The player's side of the juste prix: bisection, bounds in the greeting,
// and what each server reply means.
#include "core/guesser.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "core/juste_prix.hpp"
#include "core/texts.hpp"

namespace liaison::core {
namespace {

constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

// Plays a whole game by bisection against `secret`; returns the tries, or -1
// when the guesser lost track (a guess outside the bounds, or no number left).
int tries_to_find(Bounds bounds, std::int64_t secret) {
  Guesser guesser(bounds);
  for (int tries = 1; tries <= 100; ++tries) {
    const std::int64_t guess = guesser.guess();
    if (guess < bounds.min || guess > bounds.max) return -1;
    if (guess == secret) return tries;
    if (!guesser.take(guess < secret ? Verdict::higher : Verdict::lower)) return -1;
  }
  return -1;
}

void expect_wins_for_every_secret(Bounds bounds) {
  const int limit = max_tries(bounds);
  for (std::int64_t secret = bounds.min;; ++secret) {
    const int tries = tries_to_find(bounds, secret);
    ASSERT_GE(tries, 1) << "secret " << secret;
    ASSERT_LE(tries, limit) << "secret " << secret;
    if (secret == bounds.max) break;
  }
}

TEST(GuesserBisection, WinsWithinTheBoundForEverySecret) {
  for (const Bounds bounds : {Bounds{1, 100}, Bounds{1, 1}, Bounds{-5, 5}, Bounds{1, 1000}, Bounds{0, 1}, Bounds{1, 128},
                              Bounds{int64_min, int64_min + 300}, Bounds{int64_max - 300, int64_max}}) {
    SCOPED_TRACE(fmt::format("[{}, {}]", bounds.min, bounds.max));
    expect_wins_for_every_secret(bounds);
  }
}

TEST(GuesserBisection, TheWorstCaseIsReached) {
  // The bound is tight: some secret needs every allowed try.
  int worst = 0;
  for (std::int64_t secret = 1; secret <= 100; ++secret) worst = std::max(worst, tries_to_find({1, 100}, secret));
  EXPECT_EQ(worst, 7);
}

TEST(GuesserBisection, MaxTriesIsFloorLog2PlusOne) {
  EXPECT_EQ(max_tries({1, 1}), 1);
  EXPECT_EQ(max_tries({1, 2}), 2);
  EXPECT_EQ(max_tries({1, 3}), 2);
  EXPECT_EQ(max_tries({1, 100}), 7);
  EXPECT_EQ(max_tries({1, 127}), 7);
  EXPECT_EQ(max_tries({1, 128}), 8);
  EXPECT_EQ(max_tries({1, 1000}), 10);
  EXPECT_EQ(max_tries({-5, 5}), 4);
  EXPECT_EQ(max_tries({int64_min, int64_max}), 65);
  EXPECT_EQ(max_tries({0, int64_max}), 64);
  EXPECT_EQ(max_tries({int64_min, -1}), 64);
}

TEST(GuesserBisection, WholeInt64RangeWithoutOverflow) {
  const Bounds all{int64_min, int64_max};
  EXPECT_EQ(midpoint(all), -1);
  std::vector<std::int64_t> secrets{int64_min, int64_min + 1, -2, -1, 0, 1, int64_max - 1, int64_max};
  std::mt19937_64 engine(7);
  for (int i = 0; i < 2000; ++i) secrets.push_back(static_cast<std::int64_t>(engine()));
  for (const std::int64_t secret : secrets) {
    const int tries = tries_to_find(all, secret);
    ASSERT_GE(tries, 1) << secret;
    ASSERT_LE(tries, 65) << secret;
  }
}

TEST(GuesserBisection, MidpointStaysInsideTheBounds) {
  EXPECT_EQ(midpoint({1, 100}), 50);
  EXPECT_EQ(midpoint({51, 100}), 75);
  EXPECT_EQ(midpoint({7, 7}), 7);
  EXPECT_EQ(midpoint({-5, 5}), 0);
  EXPECT_EQ(midpoint({-6, -5}), -6);
  EXPECT_EQ(midpoint({int64_max - 1, int64_max}), int64_max - 1);
  EXPECT_EQ(midpoint({int64_min, int64_min + 1}), int64_min);
  EXPECT_EQ(midpoint({int64_min, 0}), int64_min / 2);
}

TEST(Judge, SaysWhichSideOfTheGuessTheSecretIsOn) {
  EXPECT_EQ(judge(10, 42), Verdict::higher);  // "C'est plus !"
  EXPECT_EQ(judge(50, 42), Verdict::lower);
  EXPECT_EQ(judge(42, 42), Verdict::found);
  EXPECT_EQ(judge(int64_min, int64_max), Verdict::higher);
  EXPECT_EQ(judge(int64_max, int64_min), Verdict::lower);
}

TEST(GuesserNarrow, FoundLeavesTheGuessAloneOrNothing) {
  EXPECT_EQ(narrow({1, 100}, 42, Verdict::found)->min, 42);
  EXPECT_EQ(narrow({1, 100}, 42, Verdict::found)->max, 42);
  EXPECT_FALSE(narrow({51, 100}, 42, Verdict::found));
}

TEST(GuesserNarrow, KeepsWhatTheHintAllows) {
  const Bounds all{1, 100};
  EXPECT_EQ(narrow(all, 50, Verdict::higher)->min, 51);
  EXPECT_EQ(narrow(all, 50, Verdict::higher)->max, 100);
  EXPECT_EQ(narrow(all, 50, Verdict::lower)->min, 1);
  EXPECT_EQ(narrow(all, 50, Verdict::lower)->max, 49);
  // A guess outside what is left narrows nothing.
  EXPECT_EQ(narrow({51, 100}, 30, Verdict::higher)->min, 51);
  EXPECT_EQ(narrow({1, 49}, 80, Verdict::lower)->max, 49);
}

TEST(GuesserNarrow, ContradictionsLeaveNothing) {
  EXPECT_FALSE(narrow({1, 100}, 100, Verdict::higher));
  EXPECT_FALSE(narrow({1, 100}, 1, Verdict::lower));
  EXPECT_FALSE(narrow({51, 100}, 30, Verdict::lower));
  EXPECT_FALSE(narrow({int64_min, int64_max}, int64_max, Verdict::higher));
  EXPECT_FALSE(narrow({int64_min, int64_max}, int64_min, Verdict::lower));
  EXPECT_EQ(narrow({int64_min, int64_max}, int64_max - 1, Verdict::higher)->min, int64_max);
  EXPECT_EQ(narrow({int64_min, int64_max}, int64_min + 1, Verdict::lower)->max, int64_min);
}

TEST(Guesser, SaysWhenTheServerContradictsItself) {
  Guesser guesser({1, 3});
  EXPECT_EQ(guesser.guess(), 2);
  EXPECT_TRUE(guesser.take(Verdict::higher));
  EXPECT_EQ(guesser.guess(), 3);
  EXPECT_FALSE(guesser.take(Verdict::higher));
  EXPECT_EQ(guesser.remaining().min, 3);
}

std::string greeting(Lang lang, std::int64_t min, std::int64_t max) { return texts(lang).greeting.format(min, max); }

TEST(GuesserParseBounds, ReadsTheServersGreetingInBothLanguages) {
  for (const Lang lang : {Lang::fr, Lang::en}) {
    for (const Bounds bounds : {Bounds{1, 100}, Bounds{-5, 5}, Bounds{42, 42}, Bounds{int64_min, int64_max}}) {
      const auto parsed = parse_bounds(greeting(lang, bounds.min, bounds.max));
      ASSERT_TRUE(parsed) << greeting(lang, bounds.min, bounds.max);
      EXPECT_EQ(parsed->min, bounds.min);
      EXPECT_EQ(parsed->max, bounds.max);
    }
  }
}

TEST(GuesserParseBounds, PlainPhrases) {
  EXPECT_EQ(parse_bounds("entre 1 et 100")->max, 100);
  EXPECT_EQ(parse_bounds("a number between -7 and 7.")->min, -7);
  EXPECT_EQ(parse_bounds("entre deux chaises, entre 3 et 9 !")->min, 3);
}

TEST(GuesserParseBounds, NothingWhenTheBoundsAreMissingOrWrong) {
  EXPECT_FALSE(parse_bounds(""));
  EXPECT_FALSE(parse_bounds("Bonjour !"));
  EXPECT_FALSE(parse_bounds("entre 1 et"));
  EXPECT_FALSE(parse_bounds("entre un et cent"));
  EXPECT_FALSE(parse_bounds("entre 100 et 1"));
  EXPECT_FALSE(parse_bounds("between 1 and 99999999999999999999"));
  EXPECT_FALSE(parse_bounds("between 1 et 100"));
}

TEST(GuesserClassifyReply, TheServersOwnSentences) {
  for (const Lang lang : {Lang::fr, Lang::en}) {
    const Texts& t = texts(lang);
    SCOPED_TRACE(t.higher);
    EXPECT_EQ(classify_reply(greeting(lang, 1, 100)), ReplyKind::greeting);
    EXPECT_EQ(classify_reply(t.higher), ReplyKind::higher);
    EXPECT_EQ(classify_reply(t.lower), ReplyKind::lower);
    EXPECT_EQ(classify_reply(t.won.format(42, 6)), ReplyKind::won);
    EXPECT_EQ(classify_reply(t.replay_question), ReplyKind::replay_question);
    EXPECT_EQ(classify_reply("FIN"), ReplyKind::fin_word);
    EXPECT_EQ(classify_reply(t.not_a_number.format(1, 100)), ReplyKind::invalid);
    EXPECT_EQ(classify_reply(t.out_of_range.format("500", 1, 100)), ReplyKind::invalid);
    EXPECT_EQ(classify_reply(t.empty_message.format(1, 100)), ReplyKind::invalid);
    EXPECT_EQ(classify_reply(t.invalid_utf8), ReplyKind::invalid);
    EXPECT_EQ(classify_reply(t.too_long.format(1024)), ReplyKind::invalid);
  }
}

TEST(GuesserClassifyReply, KeywordsOnly) {
  EXPECT_EQ(classify_reply("C'est plus"), ReplyKind::higher);
  EXPECT_EQ(classify_reply("  C'est moins !\r"), ReplyKind::lower);
  EXPECT_EQ(classify_reply("Gagné"), ReplyKind::won);
  EXPECT_EQ(classify_reply("You won"), ReplyKind::won);
  EXPECT_EQ(classify_reply("fin\r\n"), ReplyKind::fin_word);
  EXPECT_EQ(classify_reply("FINI"), ReplyKind::invalid);
  EXPECT_EQ(classify_reply(""), ReplyKind::invalid);
  EXPECT_EQ(classify_reply("plus"), ReplyKind::invalid);
  EXPECT_EQ(classify_reply("Ce n'est pas plus"), ReplyKind::invalid);
}

}  // namespace
}  // namespace liaison::core
