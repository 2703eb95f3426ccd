// Le juste prix as a pure state machine, with the secret chosen by the test.
#include "core/juste_prix.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/framing.hpp"
#include "core/room_texts.hpp"
#include "core/session.hpp"
#include "core/texts.hpp"
#include "core/words.hpp"
#include "room_fakes.hpp"

namespace liaison::core {
namespace {

const Texts& fr = texts(Lang::fr);
const Texts& en = texts(Lang::en);

SecretSource fixed(std::int64_t secret) {
  return [secret](Bounds) { return secret; };
}

// Hands out `secrets` in order, then keeps repeating the last one.
SecretSource sequence(std::vector<std::int64_t> secrets) {
  auto next = std::make_shared<std::size_t>(0);
  return [secrets = std::move(secrets), next](Bounds) {
    const std::int64_t secret = secrets.at(std::min(*next, secrets.size() - 1));
    ++*next;
    return secret;
  };
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.starts_with(prefix); }

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// A reply that a player could take for a verdict on a guess.
bool looks_like_a_verdict(std::string_view reply, const Texts& t) {
  return starts_with(reply, "C'est plus") || starts_with(reply, "C'est moins") || starts_with(reply, "Gagné") ||
         starts_with(reply, t.higher) || starts_with(reply, t.lower) || starts_with(reply, "You won");
}

void expect_fin(const Reply& reply) {
  EXPECT_EQ(reply.text, "FIN");
  EXPECT_TRUE(reply.last);
}

// --- greeting ---------------------------------------------------------------

TEST(JustePrix, GreetingNamesTheDefaultBounds) {
  JustePrix game({}, fixed(42), fr);
  const std::string greeting = game.greeting();
  EXPECT_TRUE(contains(greeting, "entre 1 et 100")) << greeting;
  EXPECT_TRUE(starts_with(greeting, "Bienvenue")) << greeting;
}

// /scores reads the store: a read that may wait (a database), so it is
// handed to the transport rather than done on the game's thread. The reply
// meanwhile says it is late; core::answer runs the read at once.
TEST(JustePrix, ScoresIsAReadHandedToTheTransport) {
  testing::FakeStore store;
  store.rows = {{.nickname = "alice", .rounds_won = 0, .games_found = 3, .games = 3, .average_tries = 5.0,
                 .best_time = std::chrono::milliseconds(1500)}};
  JustePrix game({1, 100}, fixed(42), fr, {.store = &store, .now = {}, .lang = Lang::fr, .activity = nullptr});
  game.greeting();
  EXPECT_FALSE(game.take_slow_line()) << "nothing to read yet";
  EXPECT_EQ(game.on_message("/scores").text, room_texts(Lang::fr).scores_late);
  const SlowLine read = game.take_slow_line();
  ASSERT_TRUE(read);
  EXPECT_FALSE(game.take_slow_line()) << "taken once";
  const std::string table = read();
  EXPECT_NE(table.find("alice"), std::string::npos) << table;
  EXPECT_EQ(starts_with(game.on_message("41").text, "C'est plus"), true);
  EXPECT_FALSE(game.take_slow_line()) << "only /scores reads";
  const Reply direct = answer(game, {.text = "/scores", .too_long = false}, fr);
  EXPECT_EQ(direct.text, table);
  EXPECT_FALSE(direct.last);
  JustePrix without_store({1, 100}, fixed(42), fr);
  EXPECT_EQ(without_store.on_message("/scores").text, room_texts(Lang::fr).scores_unavailable);
  EXPECT_FALSE(without_store.take_slow_line());
}

TEST(JustePrix, GreetingNamesCustomBounds) {
  JustePrix game({.min = 10, .max = 20}, fixed(15), fr);
  EXPECT_TRUE(contains(game.greeting(), "entre 10 et 20"));
  JustePrix english({.min = -5, .max = 5}, fixed(0), en);
  EXPECT_TRUE(contains(english.greeting(), "between -5 and 5"));
}

TEST(JustePrix, GreetingDrawsTheSecretWithinTheGameBounds) {
  Bounds seen{.min = 0, .max = 0};
  JustePrix game({.min = 10, .max = 20}, [&](Bounds b) { seen = b; return std::int64_t{17}; }, fr);
  game.greeting();
  EXPECT_EQ(seen.min, 10);
  EXPECT_EQ(seen.max, 20);
  EXPECT_EQ(game.secret(), 17);
  EXPECT_EQ(game.tries(), 0);
}

// --- verdicts ---------------------------------------------------------------

TEST(JustePrix, AGuessBelowTheSecretIsHigher) {
  JustePrix game({}, fixed(42), fr);
  game.greeting();
  const Reply reply = game.on_message("10");
  EXPECT_TRUE(starts_with(reply.text, "C'est plus")) << reply.text;
  EXPECT_FALSE(reply.last);
}

TEST(JustePrix, AGuessAboveTheSecretIsLower) {
  JustePrix game({}, fixed(42), fr);
  game.greeting();
  const Reply reply = game.on_message("90");
  EXPECT_TRUE(starts_with(reply.text, "C'est moins")) << reply.text;
  EXPECT_FALSE(reply.last);
}

TEST(JustePrix, TheRightGuessWinsAndCountsTheTries) {
  JustePrix game({}, fixed(42), fr);
  game.greeting();
  game.on_message("10");
  game.on_message("90");
  const Reply reply = game.on_message("42");
  EXPECT_TRUE(starts_with(reply.text, "Gagné")) << reply.text;
  EXPECT_TRUE(contains(reply.text, "42")) << reply.text;
  EXPECT_TRUE(contains(reply.text, "en 3 essai")) << reply.text;
  EXPECT_TRUE(contains(reply.text, "Rejouer")) << reply.text;
  EXPECT_FALSE(reply.last);
  EXPECT_EQ(game.tries(), 3);
  EXPECT_EQ(game.games_won(), 1);
}

// `liaison check` plays a server that offers no replay: its win is the same
// sentence without the question.
TEST(JustePrix, TheWinWithoutReplayIsTheWinsFirstSentence) {
  for (const Texts* t : {&fr, &en}) {
    EXPECT_TRUE(t->won.format(42, 3).starts_with(t->found.format(42, 3))) << t->found.view();
    EXPECT_GT(t->won.view().size(), t->found.view().size());
  }
}

TEST(JustePrix, AFirstTryWinSaysOneTry) {
  JustePrix game({}, fixed(7), fr);
  game.greeting();
  EXPECT_TRUE(contains(game.on_message("7").text, "en 1 essai"));
}

TEST(JustePrix, GuessesMayHaveBlanksSignsAndLeadingZeros) {
  JustePrix game({}, fixed(42), fr);
  game.greeting();
  EXPECT_TRUE(starts_with(game.on_message(" 10 \r\n").text, "C'est plus"));
  EXPECT_TRUE(starts_with(game.on_message("+90").text, "C'est moins"));
  EXPECT_TRUE(starts_with(game.on_message("0042").text, "Gagné"));
  EXPECT_EQ(game.tries(), 3);
}

TEST(JustePrix, TheBoundsThemselvesAreValidGuesses) {
  JustePrix game({}, fixed(50), fr);
  game.greeting();
  EXPECT_TRUE(starts_with(game.on_message("1").text, "C'est plus"));
  EXPECT_TRUE(starts_with(game.on_message("100").text, "C'est moins"));
  EXPECT_EQ(game.tries(), 2);
}

TEST(JustePrix, RepeatingAGuessCountsAgain) {
  JustePrix game({}, fixed(50), fr);
  game.greeting();
  game.on_message("10");
  game.on_message("10");
  EXPECT_EQ(game.tries(), 2);
}

// --- invalid input ----------------------------------------------------------

const std::vector<std::string> invalid_inputs = {
    "abc", "0", "101", "-5", "", "   ", "\r\n", "12abc", "1e3", "1.5", "4 2", "😀", "٣", "+", "-", "--1",
    "99999999999999999999999", "-99999999999999999999999", "9223372036854775807", "oui", "C'est plus",
    "Gagné", std::string("\xFF\xFE"), std::string("\xC3"), std::string("\xED\xA0\x80"), std::string("4\0" "2", 3)};

TEST(JustePrix, InvalidInputGetsANoticeThatIsNoVerdictAndTheGameGoesOn) {
  for (const std::string& input : invalid_inputs) {
    for (const Texts* t : {&fr, &en}) {
      JustePrix game({}, fixed(42), *t);
      game.greeting();
      game.on_message("10");
      const Reply reply = game.on_message(input);
      EXPECT_FALSE(reply.text.empty()) << '"' << input << '"';
      EXPECT_FALSE(looks_like_a_verdict(reply.text, *t)) << '"' << input << "\" -> " << reply.text;
      EXPECT_FALSE(reply.last) << '"' << input << '"';
      EXPECT_EQ(game.tries(), 1) << '"' << input << '"';
      EXPECT_EQ(game.secret(), 42);
      const Reply next = game.on_message("42");
      EXPECT_EQ(next.text, t->won.format(42, 2)) << '"' << input << '"';
    }
  }
}

TEST(JustePrix, NotANumberGetsTheNotANumberNotice) {
  JustePrix game({}, fixed(42), fr);
  game.greeting();
  EXPECT_EQ(game.on_message("douze").text,
            "Ce n'est pas un nombre entier : proposez un nombre entre 1 et 100.");
  EXPECT_EQ(game.on_message("12abc").text, game.on_message("douze").text);
  EXPECT_EQ(game.on_message("٣").text, game.on_message("douze").text);
}

TEST(JustePrix, OutOfRangeNamesTheGuessAndTheBounds) {
  JustePrix game({}, fixed(42), fr);
  game.greeting();
  EXPECT_EQ(game.on_message("101").text, "101 n'est pas entre 1 et 100 : proposez un nombre dans l'intervalle.");
  EXPECT_EQ(game.on_message(" 0042 0").text,
            "Ce n'est pas un nombre entier : proposez un nombre entre 1 et 100.");
  EXPECT_TRUE(starts_with(game.on_message("-0007").text, "-7 n'est pas entre 1 et 100"));
  EXPECT_TRUE(starts_with(game.on_message(" 99999999999999999999 ").text, "99999999999999999999 n'est pas entre"));
}

TEST(JustePrix, AnEmptyMessageGetsTheEmptyNotice) {
  JustePrix game({}, fixed(42), fr);
  game.greeting();
  EXPECT_EQ(game.on_message("").text, "Message vide : proposez un nombre entre 1 et 100.");
  EXPECT_EQ(game.on_message(" \t ").text, "Message vide : proposez un nombre entre 1 et 100.");
}

TEST(JustePrix, InvalidUtf8GetsTheInvalidUtf8Notice) {
  JustePrix game({}, fixed(42), fr);
  game.greeting();
  EXPECT_EQ(game.on_message("\xFF").text, fr.invalid_utf8);
  EXPECT_EQ(game.on_message("4\xC3").text, fr.invalid_utf8);
}

TEST(JustePrix, CustomBoundsRuleOutGuessesOutsideThem) {
  JustePrix game({.min = 10, .max = 20}, fixed(15), fr);
  game.greeting();
  EXPECT_TRUE(starts_with(game.on_message("9").text, "9 n'est pas entre 10 et 20"));
  EXPECT_TRUE(starts_with(game.on_message("21").text, "21 n'est pas entre 10 et 20"));
  EXPECT_EQ(game.tries(), 0);
  EXPECT_TRUE(starts_with(game.on_message("10").text, "C'est plus"));
  EXPECT_TRUE(starts_with(game.on_message("20").text, "C'est moins"));
}

// --- FIN ---------------------------------------------------------------------

TEST(JustePrix, FinInAnyCaseEndsTheGameMidGame) {
  for (std::string_view fin_word : {"FIN", "fin", "Fin", " fin ", "FIN\r\n", "\tfIn\n"}) {
    JustePrix game({}, fixed(42), fr);
    game.greeting();
    game.on_message("10");
    expect_fin(game.on_message(fin_word));
  }
}

TEST(JustePrix, FinEndsTheGameBeforeAnyGuess) {
  JustePrix game({}, fixed(42), fr);
  game.greeting();
  expect_fin(game.on_message("fin"));
}

TEST(JustePrix, FinEndsTheGameAtTheReplayQuestion) {
  for (std::string_view fin_word : {"FIN", "fin", " Fin\r\n"}) {
    JustePrix game({}, fixed(42), fr);
    game.greeting();
    game.on_message("42");
    expect_fin(game.on_message(fin_word));
  }
}

TEST(JustePrix, WordsThatMerelyContainFinDoNotEndTheGame) {
  JustePrix game({}, fixed(42), fr);
  game.greeting();
  for (std::string_view text : {"FINI", "enfin", "fin fin"}) EXPECT_FALSE(game.on_message(text).last) << text;
}

// --- replay ------------------------------------------------------------------

TEST(JustePrix, YesToReplayStartsANewGameWithANewSecret) {
  for (std::string_view yes : {"o", "oui", "O", "OUI", "Oui", "y", "yes", "Y", "YES", " oui\r\n"}) {
    JustePrix game({}, sequence({42, 7, 99}), fr);
    game.greeting();
    game.on_message("50");
    game.on_message("42");
    const Reply reply = game.on_message(yes);
    EXPECT_FALSE(reply.last) << yes;
    EXPECT_TRUE(starts_with(reply.text, "Bienvenue")) << yes << " -> " << reply.text;
    EXPECT_TRUE(contains(reply.text, "entre 1 et 100")) << yes;
    EXPECT_EQ(game.secret(), 7) << yes;
    EXPECT_EQ(game.tries(), 0) << yes;
    EXPECT_TRUE(starts_with(game.on_message("42").text, "C'est moins")) << yes;
    EXPECT_TRUE(contains(game.on_message("7").text, "en 2 essai")) << yes;
    EXPECT_EQ(game.games_won(), 2);
    game.on_message(yes);
    EXPECT_EQ(game.secret(), 99) << yes;
  }
}

TEST(JustePrix, NoToReplayEndsWithFin) {
  for (std::string_view no : {"n", "non", "N", "NON", "Non", "no", "NO", " n\r\n"}) {
    JustePrix game({}, fixed(42), fr);
    game.greeting();
    game.on_message("42");
    expect_fin(game.on_message(no));
  }
}

TEST(JustePrix, AnyOtherAnswerRepeatsTheReplayQuestion) {
  JustePrix game({}, sequence({42, 8}), fr);
  game.greeting();
  game.on_message("42");
  for (std::string_view other : {"peut-être", "", "42", "50", "ouii", "😀", "nope"}) {
    const Reply reply = game.on_message(other);
    EXPECT_EQ(reply.text, "Répondez o pour rejouer ou n pour arrêter.") << other;
    EXPECT_FALSE(reply.last) << other;
    EXPECT_FALSE(looks_like_a_verdict(reply.text, fr)) << other;
  }
  EXPECT_EQ(game.secret(), 42);
  EXPECT_TRUE(starts_with(game.on_message("o").text, "Bienvenue"));
  EXPECT_EQ(game.secret(), 8);
}

TEST(JustePrix, InvalidUtf8AtTheReplayQuestionGetsTheNotice) {
  JustePrix game({}, fixed(42), fr);
  game.greeting();
  game.on_message("42");
  EXPECT_EQ(game.on_message("\xFF").text, fr.invalid_utf8);
  expect_fin(game.on_message("n"));
}

// --- English -----------------------------------------------------------------

TEST(JustePrix, SpeaksEnglish) {
  JustePrix game({}, sequence({42, 3}), en);
  const std::string greeting = game.greeting();
  EXPECT_TRUE(contains(greeting, "between 1 and 100")) << greeting;
  EXPECT_TRUE(starts_with(game.on_message("10").text, "Higher"));
  EXPECT_TRUE(starts_with(game.on_message("90").text, "Lower"));
  const Reply won = game.on_message("42");
  EXPECT_TRUE(starts_with(won.text, "You won")) << won.text;
  EXPECT_TRUE(contains(won.text, "3 tries")) << won.text;
  EXPECT_TRUE(contains(won.text, "Play again? (y/n)")) << won.text;
  EXPECT_EQ(game.on_message("maybe").text, "Answer y to play again or n to stop.");
  EXPECT_TRUE(contains(game.on_message("y").text, "between 1 and 100"));
  EXPECT_EQ(game.secret(), 3);
  EXPECT_EQ(game.on_message("abc").text, "That is not a whole number: guess a number between 1 and 100.");
  EXPECT_EQ(game.on_message("101").text, "101 is not between 1 and 100: guess a number in the range.");
  EXPECT_EQ(game.on_message("").text, "Empty message: guess a number between 1 and 100.");
  EXPECT_EQ(game.on_message("\xFF").text, "Unreadable text (invalid UTF-8): please write UTF-8.");
  game.on_message("3");
  expect_fin(game.on_message("no"));
}

TEST(JustePrix, EnglishAcceptsFrenchYesAndFrenchAcceptsEnglishYes) {
  JustePrix english({}, sequence({1, 2}), en);
  english.greeting();
  english.on_message("1");
  english.on_message("oui");
  EXPECT_EQ(english.secret(), 2);
  JustePrix french({}, sequence({1, 2}), fr);
  french.greeting();
  french.on_message("1");
  french.on_message("yes");
  EXPECT_EQ(french.secret(), 2);
}

// --- seeded secrets ---------------------------------------------------------

TEST(SeededSecrets, TheSameSeedGivesTheSameSecrets) {
  SecretSource a = seeded_secrets(2024);
  SecretSource b = seeded_secrets(2024);
  for (int i = 0; i < 200; ++i) ASSERT_EQ(a({}), b({})) << i;
}

TEST(SeededSecrets, DifferentSeedsGiveDifferentSecrets) {
  SecretSource a = seeded_secrets(1);
  SecretSource b = seeded_secrets(2);
  int differences = 0;
  for (int i = 0; i < 100; ++i) differences += a({}) != b({}) ? 1 : 0;
  EXPECT_GT(differences, 50);
}

TEST(SeededSecrets, StayWithinTheBoundsAndReachBothEnds) {
  for (Bounds bounds : {Bounds{1, 100}, Bounds{10, 20}, Bounds{-3, 3}, Bounds{5, 5}}) {
    SecretSource source = seeded_secrets(7);
    bool saw_min = false;
    bool saw_max = false;
    for (int i = 0; i < 5000; ++i) {
      const std::int64_t secret = source(bounds);
      ASSERT_GE(secret, bounds.min);
      ASSERT_LE(secret, bounds.max);
      saw_min = saw_min || secret == bounds.min;
      saw_max = saw_max || secret == bounds.max;
    }
    EXPECT_TRUE(saw_min && saw_max) << bounds.min << ".." << bounds.max;
  }
}

TEST(SeededSecrets, CopiesShareOneSequence) {
  SecretSource a = seeded_secrets(99);
  SecretSource reference = seeded_secrets(99);
  SecretSource copy = a;
  const std::int64_t first = reference({});
  const std::int64_t second = reference({});
  EXPECT_EQ(a({}), first);
  EXPECT_EQ(copy({}), second);
}

TEST(SeededSecrets, DriveTheGameReproducibly) {
  JustePrix a({}, seeded_secrets(5), fr);
  JustePrix b({}, seeded_secrets(5), fr);
  a.greeting();
  b.greeting();
  EXPECT_EQ(a.secret(), b.secret());
  EXPECT_GE(a.secret(), 1);
  EXPECT_LE(a.secret(), 100);
}

// --- a bisection player wins every game -------------------------------------

// Plays by bisection and returns the number of tries, or -1 if the game misbehaves.
int play_by_bisection(JustePrix& game, const Texts& t) {
  std::int64_t low = 1;
  std::int64_t high = 100;
  for (int tries = 1; tries <= 100; ++tries) {
    const std::int64_t guess = low + (high - low) / 2;
    const Reply reply = game.on_message(std::to_string(guess));
    if (reply.last) return -1;
    if (reply.text == t.higher) {
      low = guess + 1;
    } else if (reply.text == t.lower) {
      high = guess - 1;
    } else if (reply.text == t.won.format(guess, tries)) {
      return tries;
    } else {
      return -1;
    }
  }
  return -1;
}

TEST(JustePrix, ABisectionPlayerFindsEverySecretInAtMostSevenTries) {
  for (const Texts* t : {&fr, &en}) {
    for (std::int64_t secret = 1; secret <= 100; ++secret) {
      JustePrix game({}, fixed(secret), *t);
      game.greeting();
      const int tries = play_by_bisection(game, *t);
      EXPECT_GE(tries, 1) << "secret " << secret;
      EXPECT_LE(tries, 7) << "secret " << secret;
      EXPECT_EQ(game.tries(), tries);
    }
  }
}

TEST(JustePrix, ABisectionPlayerWinsGameAfterGameOnOneSession) {
  std::vector<std::int64_t> secrets;
  for (std::int64_t s = 100; s >= 1; --s) secrets.push_back(s);
  JustePrix game({}, sequence(secrets), fr);
  game.greeting();
  for (std::int64_t secret = 100; secret >= 1; --secret) {
    ASSERT_EQ(game.secret(), secret);
    const int tries = play_by_bisection(game, fr);
    ASSERT_GE(tries, 1);
    ASSERT_LE(tries, 7);
    ASSERT_TRUE(starts_with(game.on_message("oui").text, "Bienvenue"));
  }
  EXPECT_EQ(game.games_won(), 100);
}

// --- core::answer -----------------------------------------------------------

TEST(Answer, ATooLongMessageGetsTheTooLongNoticeInFrench) {
  JustePrix game({}, fixed(42), fr);
  game.greeting();
  const Reply reply = answer(game, {.text = {}, .too_long = true}, fr);
  EXPECT_EQ(reply.text, "Message trop long (plus de 1024 octets) : il a été ignoré.");
  EXPECT_FALSE(reply.last);
  EXPECT_EQ(game.tries(), 0);
}

TEST(Answer, ATooLongMessageGetsTheTooLongNoticeInEnglish) {
  JustePrix game({}, fixed(42), en);
  game.greeting();
  const Reply reply = answer(game, {.text = {}, .too_long = true}, en);
  EXPECT_EQ(reply.text, "Message too long (over 1024 bytes): it was ignored.");
  EXPECT_FALSE(reply.last);
}

TEST(Answer, ATooLongMessageIsNotSeenByTheGame) {
  JustePrix game({}, fixed(42), fr);
  game.greeting();
  // Even if text were left in it, a too-long message must not be played.
  answer(game, {.text = "42", .too_long = true}, fr);
  EXPECT_EQ(game.tries(), 0);
  EXPECT_EQ(game.games_won(), 0);
}

TEST(Answer, AnOrdinaryMessageGoesToTheSession) {
  JustePrix game({}, fixed(42), fr);
  game.greeting();
  EXPECT_EQ(answer(game, {.text = "10", .too_long = false}, fr).text, "C'est plus !");
  expect_fin(answer(game, {.text = "FIN", .too_long = false}, fr));
}

}  // namespace
}  // namespace liaison::core
