// The shared round's conditional writes on a real PostgreSQL: two servers'
// finders at once get ranks 1 and 2, never two winners; a find after the
// round's end gets none; the clock's lease passes to another server when its
// owner stops renewing it, and that server moves the round on.
#include "store/pg_room.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/pg_client.hpp"
#include "store/pg_store.hpp"
#include "support/pg_server.hpp"

namespace liaison::store {
namespace {

using namespace std::chrono_literals;
using testing::pg_server;

[[maybe_unused]] auto* const environment = testing::add_pg_environment();

// A database with liaison's schema.
std::string new_database() {
  const std::string uri = pg_server().uri(pg_server().create_database());
  PgStore store(uri);
  return uri;
}

core::SecretSource always(std::int64_t secret) {
  return [secret](core::Bounds) { return secret; };
}

// What a PgRoom calls back, kept for the test's thread.
struct Heard {
  PgRoom::Callbacks callbacks() {
    return {.state =
                [this](core::SharedRoundState state) {
                  const std::lock_guard lock(mutex);
                  states.push_back(std::move(state));
                  changed.notify_all();
                },
            .rank = [this](std::int64_t, core::MemberId member, int rank) {
              const std::lock_guard lock(mutex);
              ranks.emplace_back(member, rank);
              changed.notify_all();
            }};
  }
  template <class Predicate>
  bool wait(Predicate ready, std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, timeout, [&] { return ready(*this); });
  }
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<core::SharedRoundState> states;
  std::vector<std::pair<core::MemberId, int>> ranks;
};

PgRoomSettings settings(std::chrono::milliseconds lease = 3s) {
  return {.name = "salle", .bounds = {1, 100}, .grace = 200ms, .pause = 200ms, .lease = lease, .backoff = {}};
}

core::SharedFind find(std::string nickname) { return {.rank = 0, .nickname = std::move(nickname), .tries = 3, .time = 1s}; }

TEST(PgRoom, TwoServersFindingAtOnceGetRanks1And2) {
  const std::string uri = new_database();
  for (int attempt = 0; attempt < 5; ++attempt) {
    const std::string name = "salle" + std::to_string(attempt);
    PgRoomSettings room = settings();
    room.name = name;
    room.grace = 1h;
    Heard heard;
    PgRoom a(uri, room, always(42)), b(uri, room, always(7));
    a.start(heard.callbacks());
    b.start(heard.callbacks());
    a.claim_find(1, 1, find("ana"));
    b.claim_find(1, 2, find("bob"));
    ASSERT_TRUE(heard.wait([](const Heard& h) { return h.ranks.size() == 2; }));
    std::vector<int> ranks{heard.ranks[0].second, heard.ranks[1].second};
    std::sort(ranks.begin(), ranks.end());
    EXPECT_EQ(ranks, (std::vector<int>{1, 2}));
    pg::Client client(uri);
    EXPECT_EQ(client.query("SELECT secret FROM liaison.rooms WHERE name = $1", {name}).int64(0, 0), 42)
        << "the first server made the round";
    EXPECT_EQ(client.query("SELECT count(*) FROM liaison.room_finds WHERE room = $1 AND rank = 1", {name}).int64(0, 0), 1);
  }
}

TEST(PgRoom, EachServerHearsTheOthersFindsNotItsOwn) {
  const std::string uri = new_database();
  PgRoomSettings room = settings();
  room.grace = 1h;
  Heard a_heard, b_heard;
  PgRoom a(uri, room, always(42)), b(uri, room, always(42));
  a.start(a_heard.callbacks());
  b.start(b_heard.callbacks());
  ASSERT_TRUE(b_heard.wait([](const Heard& h) { return !h.states.empty(); }));
  a.claim_find(1, 1, find("ana"));
  ASSERT_TRUE(b_heard.wait([](const Heard& h) { return !h.states.back().finds.empty(); }));
  const core::SharedRoundState& state = b_heard.states.back();
  EXPECT_EQ(state.round, 1);
  EXPECT_EQ(state.secret, 42);
  EXPECT_EQ(state.phase, core::SharedPhase::grace);
  ASSERT_EQ(state.finds.size(), 1U);
  EXPECT_EQ(state.finds[0].nickname, "ana");
  EXPECT_EQ(state.finds[0].rank, 1);
  EXPECT_EQ(state.finds[0].tries, 3);
  EXPECT_EQ(state.finds[0].time, 1s);
  ASSERT_TRUE(a_heard.wait([](const Heard& h) { return h.states.back().phase == core::SharedPhase::grace; }));
  EXPECT_TRUE(a_heard.states.back().finds.empty()) << "a server's own finds are told by its partie";
}

bool in_phase(const Heard& heard, core::SharedPhase phase) {
  return !heard.states.empty() && heard.states.back().phase == phase;
}

// As on one server, a round everyone has found ends at once: here when the
// last server with a searcher reports none left, long before the hour of
// grace time.
TEST(PgRoom, ARoundEveryServerHasFoundEndsBeforeItsGraceTime) {
  const std::string uri = new_database();
  PgRoomSettings room = settings(600ms);
  room.grace = 1h;
  room.pause = 1h;
  Heard a_heard, b_heard;
  PgRoom a(uri, room, always(42)), b(uri, room, always(42));
  a.start(a_heard.callbacks());
  b.start(b_heard.callbacks());
  a.searching(1, 1);
  b.searching(1, 1);
  pg::Client client(uri);
  // Both counts written (a count not written yet is not known: a find then
  // could end the round without it -- the window of a player's arrival).
  for (int i = 0; i < 250 && client.query("SELECT count(*) FROM liaison.room_servers").int64(0, 0) < 2; ++i)
    std::this_thread::sleep_for(20ms);
  a.claim_find(1, 1, find("ana"));
  a.searching(1, 0);
  ASSERT_TRUE(b_heard.wait([](const Heard& h) { return in_phase(h, core::SharedPhase::grace); }));
  std::this_thread::sleep_for(500ms);  // a few ticks: bob still searches on b
  EXPECT_EQ(client.query("SELECT phase FROM liaison.rooms").text(0, 0), "grace");
  b.claim_find(1, 2, find("bob"));
  b.searching(1, 0);
  ASSERT_TRUE(a_heard.wait([](const Heard& h) { return in_phase(h, core::SharedPhase::pause); }))
      << "the round ends once nobody searches";
  EXPECT_EQ(a_heard.states.back().round, 1);
  EXPECT_GT(a_heard.states.back().left, 50min) << "then the pause, as ever";
  EXPECT_EQ(client.query("SELECT count(*) FROM liaison.room_finds").int64(0, 0), 2);
}

// A server that died leaves its last count behind: it holds the round for
// a lease at most, then the clock's owner ends the grace time.
TEST(PgRoom, ADeadServersSearchersHoldTheRoundForALeaseAtMost) {
  const std::string uri = new_database();
  PgRoomSettings room = settings(600ms);
  room.grace = 1h;
  Heard a_heard;
  PgRoom a(uri, room, always(42));
  a.start(a_heard.callbacks());
  {
    Heard c_heard;
    PgRoom c(uri, room, always(42));
    c.start(c_heard.callbacks());
    c.searching(1, 3);
    pg::Client client(uri);
    for (int i = 0; i < 100 && client.query("SELECT count(*) FROM liaison.room_servers").int64(0, 0) == 0; ++i)
      std::this_thread::sleep_for(10ms);
  }  // c stops: no more signs of life
  a.searching(1, 1);
  a.claim_find(1, 1, find("ana"));
  a.searching(1, 0);
  ASSERT_TRUE(a_heard.wait([](const Heard& h) { return in_phase(h, core::SharedPhase::pause); }, 3s))
      << "c's three searchers stopped counting once its lease went by (the grace time is an hour)";
}

TEST(PgRoom, AFindAfterTheRoundEndedGetsNoRank) {
  const std::string uri = new_database();
  Heard heard;
  PgRoom a(uri, settings(), always(42));
  pg::Client(uri).query(
      "UPDATE liaison.rooms SET phase = 'pause', deadline = now() + interval '1 hour' WHERE name = 'salle'");
  a.start(heard.callbacks());
  a.claim_find(1, 9, find("ana"));
  ASSERT_TRUE(heard.wait([](const Heard& h) { return !h.ranks.empty(); }));
  EXPECT_EQ(heard.ranks[0], (std::pair<core::MemberId, int>{9, 0}));
  a.claim_find(2, 9, find("ana"));  // not that round's number either
  ASSERT_TRUE(heard.wait([](const Heard& h) { return h.ranks.size() == 2; }));
  EXPECT_EQ(heard.ranks[1].second, 0);
}

TEST(PgRoom, WhenTheClocksOwnerStopsAnotherServerTakesItOverAndMovesTheRoundOn) {
  const std::string uri = new_database();
  pg::Client client(uri);
  const auto owner = [&client] {
    return std::string(client.query("SELECT coalesce(lease_owner, '') FROM liaison.rooms WHERE name = 'salle'")
                           .text(0, 0));
  };
  Heard b_heard;
  auto a = std::make_unique<PgRoom>(uri, settings(600ms), always(42));
  PgRoom b(uri, settings(600ms), always(7));
  Heard a_heard;
  a->start(a_heard.callbacks());
  for (int i = 0; i < 100 && owner() != a->server_id(); ++i) std::this_thread::sleep_for(20ms);
  ASSERT_EQ(owner(), a->server_id());
  b.start(b_heard.callbacks());
  std::this_thread::sleep_for(700ms);
  EXPECT_EQ(owner(), a->server_id()) << "a lease renewed in time stays with its owner";
  a.reset();  // stops renewing, as a server killed would
  const auto stopped = std::chrono::steady_clock::now();
  for (int i = 0; i < 150 && owner() != b.server_id(); ++i) std::this_thread::sleep_for(20ms);
  ASSERT_EQ(owner(), b.server_id());
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - stopped);
  RecordProperty("takeover_ms", static_cast<int>(took.count()));
  EXPECT_LT(took, 1500ms) << "within about a lease";
  // The new owner runs the clock: grace, pause, then round 2 with its secret.
  b.claim_find(1, 1, find("bob"));
  ASSERT_TRUE(b_heard.wait([](const Heard& h) { return !h.states.empty() && h.states.back().round == 2; }));
  EXPECT_EQ(b_heard.states.back().secret, 7);
  EXPECT_EQ(b_heard.states.back().phase, core::SharedPhase::playing);
  EXPECT_EQ(client.query("SELECT count(*) FROM liaison.room_finds").int64(0, 0), 0) << "round 1's finds forgotten";
}

// PostgreSQL restarts: a find meanwhile gets an unknown rank (never a
// guessed one); once it answers again the room reads its row again, and
// the next find is ranked by the database as before.
TEST(PgRoom, DuringAnOutageARankIsUnknownAndAfterItTheRoomGoesOn) {
  const std::string uri = new_database();
  PgRoomSettings room = settings();
  room.grace = 1h;
  room.backoff = {.first = 50ms, .cap = 200ms};
  Heard heard;
  PgRoom a(uri, room, always(42));
  a.start(heard.callbacks());
  ASSERT_TRUE(heard.wait([](const Heard& h) { return !h.states.empty(); }));
  pg_server().stop_immediately();
  a.claim_find(1, 1, find("ana"));
  a.searching(1, 2);
  ASSERT_TRUE(heard.wait([](const Heard& h) { return !h.ranks.empty(); }));
  EXPECT_EQ(heard.ranks[0].second, core::rank_unknown);
  const std::size_t states = heard.states.size();
  pg_server().start_again();
  ASSERT_TRUE(heard.wait([states](const Heard& h) { return h.states.size() > states; }, 10s))
      << "the row is read again once the server answers";
  a.claim_find(1, 2, find("bob"));
  ASSERT_TRUE(heard.wait([](const Heard& h) { return h.ranks.size() == 2; }));
  EXPECT_EQ(heard.ranks[1].second, 1) << "ana's claim never reached the database";
  pg::Client client(uri);
  for (int i = 0; i < 100 && client.query("SELECT count(*) FROM liaison.room_servers").int64(0, 0) == 0; ++i)
    std::this_thread::sleep_for(20ms);
  EXPECT_EQ(client.query("SELECT searching FROM liaison.room_servers").int64(0, 0), 2)
      << "a count told during the outage is told after it";
}

TEST(PgRoom, ARoomPlayedWithOtherBoundsOrTimesIsRefusedInOneLine) {
  const std::string uri = new_database();
  PgRoomSettings first = settings();
  first.grace = 15s;
  first.pause = 2500ms;
  PgRoom a(uri, first, always(42));
  const std::string expected =
      "PostgreSQL: the room \"salle\" plays between 1 and 100 with 15 s of grace time and 2.5 s of pause: start "
      "this server with --min 1 --max 100 --round-grace 15 --round-pause 2.5";
  PgRoomSettings bounds = first, grace = first, pause = first;
  bounds.bounds = {1, 1000};
  grace.grace += 1s;
  pause.pause = 2s;
  for (const PgRoomSettings& other : {bounds, grace, pause}) {
    try {
      PgRoom b(uri, other, always(42));
      ADD_FAILURE() << "started";
    } catch (const pg::Error& error) {
      EXPECT_EQ(error.what(), expected);
    }
  }
  PgRoom same(uri, first, always(42));  // the same settings join
}

// A room made before its times were kept (schema step 4) takes the next
// joining server's, then holds them.
TEST(PgRoom, ARoomWithoutTimesTakesTheNextServersThenHoldsThem) {
  const std::string uri = new_database();
  { PgRoom a(uri, settings(), always(42)); }
  pg::Client db(uri);
  db.query("UPDATE liaison.rooms SET grace_ms = NULL, pause_ms = NULL");
  PgRoomSettings other = settings();
  other.grace = 7s;
  PgRoom b(uri, other, always(42));
  EXPECT_EQ(db.query("SELECT grace_ms FROM liaison.rooms").int64(0, 0), 7000);
  EXPECT_THROW(PgRoom c(uri, settings(), always(42)), pg::Error);
}

}  // namespace
}  // namespace liaison::store
