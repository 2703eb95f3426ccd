// What sessions and rooms report to an Activity (the projected page's feed):
// nicknames, departures, guesses, finished games, and the round as it stands.
#include "core/activity.hpp"

#include <gtest/gtest.h>

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
