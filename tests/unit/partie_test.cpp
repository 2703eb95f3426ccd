// Multiplayer rounds: nicknames first, one secret for all, the winner, the
// grace time, the summary, the pause, the next round, and what is recorded.
#include "core/partie.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <string>

#include "core/room_texts.hpp"
#include "room_fakes.hpp"

namespace liaison::core {
namespace {

using testing::FakeAlarm;
using testing::FakeClock;
using testing::FakePeer;
using testing::FakeStore;
using namespace std::chrono_literals;

class PartieTest : public ::testing::Test {
 protected:
  // Secrets 42, then 7, then 99...
  SecretSource secrets() {
    return [this](Bounds) {
      const std::int64_t next = planned.front();
      planned.pop_front();
      return next;
    };
  }
  MemberId player(FakePeer& peer, std::string_view nickname) {
    const MemberId id = partie.join(peer);
    partie.greeting(id);
    partie.on_message(id, nickname);
    return id;
  }
  std::string say(MemberId id, std::string_view text) { return partie.on_message(id, text).text; }
  // Lets time pass up to the alarm the room asked for, and rings it.
  void ring() {
    ASSERT_TRUE(alarm.wish.has_value());
    clock.time = *alarm.wish;
    alarm.wish.reset();
    partie.on_alarm();
  }

  std::deque<std::int64_t> planned{42, 7, 99};
  RoomSettings settings;
  PartieSettings rules{.bounds = {1, 100}, .grace = 15s, .pause = 5s};
  FakeClock clock;
  FakeAlarm alarm;
  FakeStore store;
  Partie partie{settings, rules, secrets(), clock.now(), &store, alarm};
};

TEST_F(PartieTest, AsksForANicknameFirst) {
  FakePeer lesson(Framing::raw), other(Framing::raw);
  const MemberId id = partie.join(lesson);
  EXPECT_EQ(partie.greeting(id),
            "Bienvenue dans la partie de juste prix ! Tous les joueurs cherchent le même nombre entre 1 et 100 ; "
            "le premier qui trouve gagne la manche.\nVotre pseudo ?");
  EXPECT_EQ(say(id, "a b"), "Pseudo invalide : de 1 à 24 caractères, sans espace ni caractère de contrôle, "
                           "ne commençant pas par /.\nVotre pseudo ?");
  EXPECT_EQ(say(id, "/me waves"), "Votre pseudo ?");
  EXPECT_EQ(say(id, "alice"), "Bonjour alice ! Manche 1 en cours (1 joueur(s)) : devinez le nombre entre 1 et 100.");
  const MemberId second = partie.join(other);
  partie.greeting(second);
  EXPECT_EQ(say(second, "Alice"), "Le pseudo Alice est déjà pris : choisissez-en un autre.\nVotre pseudo ?");
  EXPECT_EQ(say(second, "bob"), "Bonjour bob ! Manche 1 en cours (2 joueur(s)) : devinez le nombre entre 1 et 100.");
}

TEST_F(PartieTest, EveryoneGuessesTheSameSecretWithTheirOwnTries) {
  FakePeer a_peer(Framing::raw), b_peer(Framing::raw);
  const MemberId a = player(a_peer, "alice");
  const MemberId b = player(b_peer, "bob");
  EXPECT_EQ(say(a, "50"), "* bob arrive\nC'est moins ! (1 essai(s))");
  EXPECT_EQ(say(a, "25"), "C'est plus ! (2 essai(s))");
  EXPECT_EQ(say(b, "41"), "C'est plus ! (1 essai(s))");
  EXPECT_EQ(say(b, "101"), "101 n'est pas entre 1 et 100 : proposez un nombre dans l'intervalle.");
  EXPECT_EQ(say(b, "99999999999999999999"),
            "99999999999999999999 n'est pas entre 1 et 100 : proposez un nombre dans l'intervalle.");
  EXPECT_EQ(say(b, "/manche"), "Manche 1 : 0 sur 2 ont trouvé ; vous en êtes à 1 essai(s).");
  EXPECT_FALSE(alarm.wish.has_value());  // nothing to wait for until someone finds it
}

TEST_F(PartieTest, TheFirstFinderWinsTheOthersHaveTheGraceTime) {
  FakePeer a_peer(Framing::raw), b_peer(Framing::line), c_peer(Framing::raw);
  const MemberId a = player(a_peer, "alice");
  const MemberId b = player(b_peer, "bob");
  const MemberId c = player(c_peer, "carol");
  say(b, "10");
  b_peer.take();
  clock.advance(12'300ms);
  EXPECT_EQ(say(a, "42"),
            "* bob arrive\n* carol arrive\nGagné ! C'était 42, trouvé le premier en 1 essai(s) et 12,3 s. "
            "Les autres ont encore 15,0 s.");
  EXPECT_EQ(b_peer.take(), std::vector<std::string>{"* alice gagne la manche 1 : trouvé en 1 essai(s) et 12,3 s !"});
  EXPECT_EQ(alarm.wish, clock.time + 15s);
  EXPECT_EQ(say(a, "42"), "Vous avez déjà trouvé : attendez la prochaine manche (2 joueur(s) cherchent encore).");
  clock.advance(2s);
  EXPECT_EQ(say(b, "42"), "Trouvé ! C'était 42 : vous êtes 2e, en 2 essai(s) et 14,3 s.");
  // The turn-based carol reads it all, in order, with her next reply.
  EXPECT_EQ(say(c, "/manche"),
            "* alice gagne la manche 1 : trouvé en 1 essai(s) et 12,3 s !\n"
            "* bob trouve aussi (2e, 2 essai(s), 14,3 s)\n"
            "Manche 1 : 2 sur 3 ont trouvé ; vous en êtes à 0 essai(s).");
  // Grace over: carol never found it.
  ring();
  const std::string summary =
      "Fin de la manche 1 (c'était 42) : 2 sur 3 ont trouvé. 1. alice (1 essai(s), 12,3 s) "
      "2. bob (2 essai(s), 14,3 s) Manche 2 dans 5 s.";
  EXPECT_EQ(b_peer.take(), std::vector<std::string>{summary});
  EXPECT_EQ(say(c, "50"), summary + "\nLa manche 2 commence dans 5 s : patience !");
  ASSERT_EQ(store.transactions, 1);
  ASSERT_EQ(store.recorded.size(), 2U);  // carol made no guess: not recorded
  EXPECT_EQ(store.recorded[0].nickname, "alice");
  EXPECT_EQ(store.recorded[0].rank, 1);
  EXPECT_TRUE(store.recorded[0].found);
  EXPECT_EQ(store.recorded[0].duration, 12'300ms);
  EXPECT_EQ(store.recorded[1].nickname, "bob");
  EXPECT_EQ(store.recorded[1].rank, 2);
  EXPECT_EQ(store.recorded[1].tries, 2);
  EXPECT_EQ(store.recorded[1].mode, GameMode::round);
  EXPECT_EQ(store.recorded[1].round, 1);
  EXPECT_EQ(store.recorded[1].secret, 42);
}

TEST_F(PartieTest, WhenEveryoneHasFoundTheRoundEndsAtOnceThenTheNextStarts) {
  FakePeer a_peer(Framing::line), b_peer(Framing::raw);
  const MemberId a = player(a_peer, "alice");
  const MemberId b = player(b_peer, "bob");
  say(a, "42");
  a_peer.take();
  clock.advance(3s);
  const std::string reply = say(b, "42");
  EXPECT_TRUE(reply.ends_with("Trouvé ! C'était 42 : vous êtes 2e, en 1 essai(s) et 3,0 s.\n"
                              "Fin de la manche 1 (c'était 42) : 2 sur 2 ont trouvé. 1. alice (1 essai(s), 0,0 s) "
                              "2. bob (1 essai(s), 3,0 s) Manche 2 dans 5 s."))
      << reply;
  EXPECT_EQ(a_peer.take().size(), 2U);  // bob found it, the round is over
  EXPECT_EQ(alarm.wish, clock.time + 5s);
  EXPECT_EQ(say(a, "10"), "La manche 2 commence dans 5 s : patience !");
  ring();
  EXPECT_EQ(a_peer.take(), std::vector<std::string>{"Manche 2 : un nouveau nombre entre 1 et 100, à vous !"});
  EXPECT_EQ(say(a, "7"), "Gagné ! C'était 7, trouvé le premier en 1 essai(s) et 0,0 s. Les autres ont encore 15,0 s.");
  EXPECT_EQ(say(b, "/round"),
            "Manche 2 : un nouveau nombre entre 1 et 100, à vous !\n"
            "* alice gagne la manche 2 : trouvé en 1 essai(s) et 0,0 s !\n"
            "Manche 2 : 1 sur 2 ont trouvé ; vous en êtes à 0 essai(s).");
}

TEST_F(PartieTest, ALateComerIsTimedFromWhenTheyCame) {
  FakePeer a_peer(Framing::line), b_peer(Framing::line);
  const MemberId a = player(a_peer, "alice");
  clock.advance(60s);
  const MemberId b = player(b_peer, "bob");
  clock.advance(4s);
  EXPECT_EQ(say(b, "42"), "Gagné ! C'était 42, trouvé le premier en 1 essai(s) et 4,0 s. Les autres ont encore 15,0 s.");
  partie.leave(a);  // the only one still searching leaves: nothing left to wait for
  EXPECT_EQ(b_peer.take().back(),
            "Fin de la manche 1 (c'était 42) : 1 sur 2 ont trouvé. 1. bob (1 essai(s), 4,0 s) Manche 2 dans 5 s.");
}

TEST_F(PartieTest, TextThatIsNotANumberIsChatForEveryone) {
  FakePeer a_peer(Framing::line), b_peer(Framing::raw);
  const MemberId a = player(a_peer, "alice");
  const MemberId b = player(b_peer, "bob");
  a_peer.take();
  EXPECT_EQ(say(b, "bonne chance à tous"), "(envoyé, 1 lecteur(s))");
  EXPECT_EQ(say(b, "/me tremble"), "(envoyé, 1 lecteur(s))");
  EXPECT_EQ(a_peer.take(), (std::vector<std::string>{"<bob> bonne chance à tous", "* bob tremble"}));
  EXPECT_EQ(say(a, "/who"), "Présents (2) : alice, bob");
  EXPECT_EQ(say(a, "/aide"), room_texts(Lang::fr).partie_help);
}

TEST_F(PartieTest, WithNobodyLeftTheNextPlayerStartsANewRound) {
  FakePeer a_peer(Framing::line), b_peer(Framing::line);
  const MemberId a = player(a_peer, "alice");
  say(a, "42");  // alone: everyone has found it, the round is over
  EXPECT_TRUE(partie.between_rounds());
  partie.leave(a);
  ring();  // pause over, nobody there: no round
  EXPECT_FALSE(partie.between_rounds());
  EXPECT_FALSE(alarm.wish.has_value());
  clock.advance(10min);
  const MemberId b = player(b_peer, "bob");
  EXPECT_EQ(partie.round()->number(), 2);
  EXPECT_TRUE(say(b, "7").starts_with("Gagné ! C'était 7, trouvé le premier en 1 essai(s) et 0,0 s."));
}

TEST_F(PartieTest, WithoutGraceTheFirstFindEndsTheRound) {
  rules.grace = 0s;
  Partie quick(settings, rules, secrets(), clock.now(), &store, alarm);
  FakePeer a_peer(Framing::line), b_peer(Framing::line);
  const MemberId a = quick.join(a_peer);
  quick.on_message(a, "alice");
  const MemberId b = quick.join(b_peer);
  quick.on_message(b, "bob");
  quick.on_message(b, "3");
  const std::string reply = quick.on_message(a, "42").text;
  EXPECT_NE(reply.find("Fin de la manche 1 (c'était 42) : 1 sur 2 ont trouvé."), std::string::npos) << reply;
  ASSERT_EQ(store.recorded.size(), 2U);
  EXPECT_FALSE(store.recorded[1].found);
  EXPECT_EQ(store.recorded[1].rank, 0);
}

TEST_F(PartieTest, AStoreFailureIsToldNotThrown) {
  store.fail = true;
  FakePeer a_peer(Framing::line), b_peer(Framing::line);
  const MemberId a = player(a_peer, "alice");
  player(b_peer, "bob");
  say(a, "42");
  b_peer.take();
  ring();
  const std::vector<std::string> told = b_peer.take();
  ASSERT_EQ(told.size(), 2U);
  EXPECT_EQ(told[0], "disk full");
}

TEST_F(PartieTest, SpeaksEnglish) {
  settings.lang = Lang::en;
  Partie english(settings, rules, secrets(), clock.now(), nullptr, alarm);
  FakePeer peer(Framing::raw);
  const MemberId id = english.join(peer);
  EXPECT_TRUE(english.greeting(id).ends_with("Your nickname?"));
  EXPECT_EQ(english.on_message(id, "zoe").text, "Hello zoe! Round 1 is on (1 player(s)): guess the number between 1 and 100.");
  EXPECT_EQ(english.on_message(id, "50").text, "Lower! (1 tries)");
  EXPECT_EQ(english.on_message(id, "42").text,
            "You won! It was 42, found first in 2 tries and 0.0 s. The others have 15.0 s more.\n"
            "Round 1 over (it was 42): 1 of 1 found it. 1. zoe (2 tries, 0.0 s) Round 2 in 5 s.");
}

}  // namespace
}  // namespace liaison::core
