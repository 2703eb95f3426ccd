// What sessions and rooms report to an Activity (the projected page's feed):
// nicknames, departures, guesses, finished games, and the round as it stands.
#include "core/activity.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <memory>
#include <string>

#include "core/juste_prix.hpp"
#include "core/partie.hpp"
#include "core/salon.hpp"
#include "core/texts.hpp"
#include "room_fakes.hpp"

namespace liaison::core {
namespace {

using testing::FakeActivity;
using testing::FakeAlarm;
using testing::FakeClock;
using testing::FakePeer;
using testing::FakeStore;
using namespace std::chrono_literals;

TEST(SoloActivity, ANamedPlayerIsReportedFromNicknameToDeparture) {
  FakeActivity activity;
  auto game = std::make_unique<JustePrix>(Bounds{1, 100}, [](Bounds) { return std::int64_t{30}; },
                                          texts(Lang::fr), Scoring{.store = nullptr, .now = {}, .lang = Lang::fr,
                                                                   .activity = &activity});
  game->greeting();
  game->on_message("50");  // anonymous: counted, not named
  game->on_message("/nick zoé");
  game->on_message("25");
  game->on_message("abc");  // not a guess
  game->on_message("30");
  EXPECT_EQ(activity.guesses, 3);
  ASSERT_EQ(activity.events.size(), 2U);
  EXPECT_TRUE(activity.events[0].starts_with("named ") && activity.events[0].ends_with(" zoé")) << activity.events[0];
  EXPECT_EQ(activity.events[1], "game over");
  const std::string key = activity.events[0].substr(6, activity.events[0].find(' ', 6) - 6);
  game.reset();
  EXPECT_EQ(activity.events.back(), "left " + key);
}

TEST(SoloActivity, AnAnonymousPlayerLeavesNoTrace) {
  FakeActivity activity;
  {
    JustePrix game(Bounds{1, 100}, [](Bounds) { return std::int64_t{30}; }, texts(Lang::fr),
                   Scoring{.store = nullptr, .now = {}, .lang = Lang::fr, .activity = &activity});
    game.greeting();
    game.on_message("30");
  }
  EXPECT_EQ(activity.events, std::vector<std::string>{"game over"});
}

TEST(SalonActivity, GuestsRenamesAndDepartures) {
  FakeClock clock;
  FakeActivity activity;
  Salon salon(RoomSettings{}, clock.now(), nullptr);
  salon.observe(&activity);
  FakePeer peer(Framing::line);
  const MemberId id = salon.join(peer);
  salon.greeting(id);
  salon.on_message(id, "/nick ada");
  salon.leave(id);
  const std::string key = std::to_string(id);
  EXPECT_EQ(activity.events,
            (std::vector<std::string>{"named " + key + " invité-1", "named " + key + " ada", "left " + key}));
}

class PartieActivity : public ::testing::Test {
 protected:
  PartieActivity() { partie.observe(&activity); }
  MemberId player(FakePeer& peer, std::string_view nickname) {
    const MemberId id = partie.join(peer);
    partie.greeting(id);
    partie.on_message(id, nickname);
    return id;
  }

  std::deque<std::int64_t> planned{42, 7};
  FakeClock clock;
  FakeAlarm alarm;
  FakeStore store;
  FakeActivity activity;
  Partie partie{RoomSettings{},
                PartieSettings{.bounds = {1, 100}, .grace = 15s, .pause = 5s},
                [this](Bounds) {
                  const std::int64_t next = planned.front();
                  planned.pop_front();
                  return next;
                },
                clock.now(),
                &store,
                alarm};
};

TEST_F(PartieActivity, TheRoundIsShownAsItNarrowsThenWithItsPodium) {
  FakePeer a_peer(Framing::raw), b_peer(Framing::raw);
  const MemberId a = player(a_peer, "alice");
  const MemberId b = player(b_peer, "bob");
  ASSERT_FALSE(activity.rounds.empty());
  EXPECT_EQ(activity.rounds.back().entrants.size(), 2U);
  EXPECT_EQ(activity.rounds.back().secret, 0) << "never the secret while it is played";

  partie.on_message(a, "50");
  partie.on_message(b, "30");
  const RoundView& narrowed = activity.rounds.back();
  EXPECT_EQ(narrowed.open.min, 31);
  EXPECT_EQ(narrowed.open.max, 49);
  EXPECT_EQ(narrowed.entrants[0].tries, 1);
  EXPECT_EQ(activity.guesses, 2);

  partie.on_message(a, "42");
  EXPECT_EQ(activity.rounds.back().found, 1U);
  EXPECT_FALSE(activity.rounds.back().over);
  clock.advance(2s);
  partie.on_message(b, "42");  // everyone found it: the round is over
  const RoundView& over = activity.rounds.back();
  EXPECT_TRUE(over.over);
  EXPECT_EQ(over.secret, 42);
  ASSERT_EQ(over.podium.size(), 2U);
  EXPECT_EQ(over.podium[0].nickname, "alice");
  EXPECT_EQ(over.podium[1].nickname, "bob");
  EXPECT_EQ(over.podium[1].time_ms, 2000);
  EXPECT_EQ(activity.events.back(), "game over");
}

}  // namespace
}  // namespace liaison::core

namespace liaison::core {
namespace {

// The teacher's actions on a room (the web side calls them with its token).
TEST_F(PartieActivity, TheTeacherKicksRenamesAndStartsARound) {
  FakePeer a_peer(Framing::raw), b_peer(Framing::line);
  const MemberId a = player(a_peer, "alice");
  player(b_peer, "bob");
  b_peer.take();
  EXPECT_EQ(partie.rename_member("ALICE", "bob"), "Le pseudo bob est déjà pris : choisissez-en un autre.");
  EXPECT_EQ(partie.rename_member("alice", "alix"), "");
  EXPECT_EQ(b_peer.take(), std::vector<std::string>{"* alice s'appelle maintenant alix"});
  const std::string next_reply = partie.on_message(a, "/who").text;  // a turn-based member reads it next
  EXPECT_NE(next_reply.find("L'enseignant vous a renommé : vous êtes maintenant alix.\n"), std::string::npos)
      << next_reply;

  partie.on_message(a, "50");
  EXPECT_EQ(partie.start_round_now(), "");
  EXPECT_EQ(activity.rounds[activity.rounds.size() - 2].over, true) << "round 1 ended, recorded";
  EXPECT_EQ(activity.rounds.back().number, 2);
  EXPECT_EQ(store.recorded.size(), 1U) << "alix's part in round 1";

  EXPECT_EQ(partie.kick("nobody"), "Personne ne s'appelle nobody ici.");
  EXPECT_EQ(partie.kick("alix"), "");
  EXPECT_EQ(a_peer.closed_with, "L'enseignant vous a fait quitter la salle. Au revoir !");
  EXPECT_TRUE(partie.on_message(a, "50").last) << "the kicked member's next message gets FIN";
  const std::vector<std::string> news = b_peer.take();
  EXPECT_NE(std::find(news.begin(), news.end(), "* alix a été retiré par l'enseignant"), news.end());
  EXPECT_EQ(partie.nicknames(), std::vector<std::string>{"bob"});
}

TEST(PartieTeacher, NoRoundWithoutPlayers) {
  FakeClock clock;
  FakeAlarm alarm;
  Partie partie(RoomSettings{}, PartieSettings{.bounds = {1, 100}, .grace = 15s, .pause = 5s},
                [](Bounds) { return std::int64_t{42}; }, clock.now(), nullptr, alarm);
  EXPECT_EQ(partie.start_round_now(), "Personne n'est là pour jouer une manche.");
}

}  // namespace
}  // namespace liaison::core
