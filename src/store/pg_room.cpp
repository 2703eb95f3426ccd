#include "store/pg_room.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <optional>
#include <random>
#include <utility>

#include "store/pg_client.hpp"
#include "store/pg_watch.hpp"

namespace liaison::store {
namespace {

using std::chrono::milliseconds;

// A finder waits for its rank: an unreachable server must not hold it long.
constexpr milliseconds query_timeout{2'000};

std::string random_server_id() {
  std::random_device random;
  return fmt::format("{:08x}{:08x}", random(), random());
}

std::string ms(milliseconds duration) { return std::to_string(duration.count()); }
// As --round-grace and --round-pause take it: "15", "0.5".
std::string seconds_text(milliseconds duration) { return fmt::format("{:g}", static_cast<double>(duration.count()) / 1000); }

// The owner of the lease (or whoever finds it free or expired) renews it and
// moves the clock on: the grace time ends at its deadline, or sooner once no
// living server has anyone left searching (each one's last count, for this
// round: a server that has not told it yet counts as searching; none told
// at all: nothing is known, the grace time runs); the end of
// the pause starts the next round with the new secret $4. Every server's
// tick is also its sign of life; the counts of servers gone for a day are
// dropped. The finds of the rounds before are forgotten. No row: the lease
// is another server's, and valid.
constexpr const char* tick_sql = R"sql(
  WITH beat AS (
    UPDATE liaison.room_servers SET seen = now() WHERE room = $1 AND server = $2),
  gone AS (
    DELETE FROM liaison.room_servers WHERE room = $1 AND seen < now() - interval '1 day'),
  everyone_found AS (
    SELECT coalesce(bool_and(s.round = r.round AND s.searching = 0), false) AS yes
    FROM liaison.room_servers AS s JOIN liaison.rooms AS r ON r.name = s.room
    WHERE s.room = $1 AND s.seen > now() - $3::bigint * interval '1 millisecond'),
  tick AS (
    UPDATE liaison.rooms SET
      lease_owner = $2,
      lease_expiry = now() + $3::bigint * interval '1 millisecond',
      round = CASE WHEN phase = 'pause' AND deadline <= now() THEN round + 1 ELSE round END,
      secret = CASE WHEN phase = 'pause' AND deadline <= now() THEN $4::bigint ELSE secret END,
      finders = CASE WHEN phase = 'pause' AND deadline <= now() THEN 0 ELSE finders END,
      phase = CASE WHEN phase = 'grace' AND (deadline <= now() OR (SELECT yes FROM everyone_found)) THEN 'pause'
                   WHEN phase = 'pause' AND deadline <= now() THEN 'playing'
                   ELSE phase END,
      deadline = CASE WHEN phase = 'grace' AND (deadline <= now() OR (SELECT yes FROM everyone_found))
                        THEN now() + $5::bigint * interval '1 millisecond'
                      WHEN phase = 'pause' AND deadline <= now() THEN NULL
                      ELSE deadline END
    WHERE name = $1 AND (lease_owner IS NULL OR lease_owner = $2 OR lease_expiry < now())
    RETURNING round, ceil(extract(epoch FROM deadline - now()) * 1000)::bigint AS left_ms),
  forgotten AS (
    DELETE FROM liaison.room_finds AS f USING tick WHERE f.room = $1 AND f.round < tick.round)
  SELECT round, left_ms FROM tick
)sql";

// A finder's rank, decided by the row's lock: finders + 1 in that round,
// unless it is over. The first find starts the grace time. No row: the
// round had already ended.
constexpr const char* find_sql = R"sql(
  WITH found AS (
    UPDATE liaison.rooms SET
      finders = finders + 1,
      phase = CASE WHEN phase = 'playing' THEN 'grace' ELSE phase END,
      deadline = CASE WHEN phase = 'playing' THEN now() + $3::bigint * interval '1 millisecond' ELSE deadline END
    WHERE name = $1 AND round = $2 AND phase <> 'pause'
    RETURNING round, finders)
  INSERT INTO liaison.room_finds (room, round, rank, server, nickname, tries, time_ms)
    SELECT $1, round, finders, $4, $5, $6::integer, $7::bigint FROM found
  RETURNING rank
)sql";

// This server's count of players still searching round $3; when it is the
// last to reach 0 (every other living server's count, for this round, is 0)
// the grace time ends now, whoever owns the clock (its tick would end it
// too, within lease/3: two servers reaching 0 at once each see the other's
// old count).
constexpr const char* searching_sql = R"sql(
  WITH mine AS (
    INSERT INTO liaison.room_servers (room, server, round, searching, seen) VALUES ($1, $2, $3::bigint, $4::integer, now())
    ON CONFLICT (room, server) DO UPDATE SET round = EXCLUDED.round, searching = EXCLUDED.searching, seen = now())
  UPDATE liaison.rooms SET phase = 'pause', deadline = now() + $6::bigint * interval '1 millisecond'
  WHERE name = $1 AND round = $3::bigint AND phase = 'grace' AND $4::integer = 0
    AND NOT EXISTS (
      SELECT 1 FROM liaison.room_servers AS s
      WHERE s.room = $1 AND s.server <> $2 AND s.seen > now() - $5::bigint * interval '1 millisecond'
        AND (s.round <> $3::bigint OR s.searching > 0))
)sql";

core::SharedPhase phase_named(std::string_view phase) {
  if (phase == "grace") return core::SharedPhase::grace;
  if (phase == "pause") return core::SharedPhase::pause;
  return core::SharedPhase::playing;
}

}  // namespace

PgRoom::PgRoom(const std::string& conninfo, PgRoomSettings settings, core::SecretSource secrets)
    : conninfo_(conninfo),
      settings_(std::move(settings)),
      secrets_(std::move(secrets)),
      server_id_(random_server_id()),
      backoff_(settings_.backoff) {
  client_ = std::make_unique<pg::Client>(conninfo_, query_timeout);
  join_room();
  first_state_ = read_state();
}

// Makes the room, or joins it if another server made it: its bounds, grace
// time and pause must be this server's, or the round would not be one.
void PgRoom::join_room() {
  const core::Bounds bounds = settings_.bounds;
  client_->query(
      "INSERT INTO liaison.rooms (name, min, max, round, secret, phase, grace_ms, pause_ms) "
      "VALUES ($1, $2, $3, 1, $4, 'playing', $5, $6) ON CONFLICT (name) DO NOTHING",
      {settings_.name, std::to_string(bounds.min), std::to_string(bounds.max), std::to_string(secrets_(bounds)),
       ms(settings_.grace), ms(settings_.pause)});
  const pg::Result room = client_->query(
      "UPDATE liaison.rooms SET grace_ms = coalesce(grace_ms, $2), pause_ms = coalesce(pause_ms, $3) "
      "WHERE name = $1 RETURNING min, max, grace_ms, pause_ms",
      {settings_.name, ms(settings_.grace), ms(settings_.pause)});
  const core::Bounds room_bounds{room.int64(0, 0), room.int64(0, 1)};
  const milliseconds grace{room.int64(0, 2)}, pause{room.int64(0, 3)};
  if (room_bounds.min != bounds.min || room_bounds.max != bounds.max || grace != settings_.grace ||
      pause != settings_.pause)
    throw pg::Error(fmt::format(
        "the room \"{0}\" plays between {1} and {2} with {3} s of grace time and {4} s of pause: start this server "
        "with --min {1} --max {2} --round-grace {3} --round-pause {4}",
        settings_.name, room_bounds.min, room_bounds.max, seconds_text(grace), seconds_text(pause)));
}

PgRoom::~PgRoom() {
  watch_.reset();
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PgRoom::start(Callbacks callbacks) {
  callbacks_ = std::move(callbacks);
  thread_ = std::thread([this] { run(); });
  const auto read_again = [this] {
    {
      const std::lock_guard lock(mutex_);
      read_ = true;
    }
    wake_.notify_all();
  };
  watch_ = std::make_unique<pg::Watch>(conninfo_, settings_.backoff,
                                       pg::Watch::Callbacks{.notified = read_again, .reconnected = read_again},
                                       pg::rooms_channel);
}

void PgRoom::claim_find(std::int64_t round, core::MemberId member, const core::SharedFind& find) {
  {
    const std::lock_guard lock(mutex_);
    claims_.push_back({.round = round, .member = member, .find = find});
  }
  wake_.notify_all();
}

void PgRoom::searching(std::int64_t round, std::size_t players) {
  {
    const std::lock_guard lock(mutex_);
    searching_ = Searching{.round = round, .players = players};
  }
  wake_.notify_all();
}

void PgRoom::run() {
  Clock::time_point next_tick = Clock::now();
  bool outage = false;
  for (;;) {
    std::deque<Claim> claims;
    bool read = false;
    std::optional<Searching> searching;
    {
      std::unique_lock lock(mutex_);
      // During an outage a read or a count waits for the next attempt; a claim does not.
      wake_.wait_until(lock, next_tick, [&] {
        return stopping_ || !claims_.empty() || ((read_ || searching_) && !outage);
      });
      if (stopping_) return;
      claims.swap(claims_);
      read = std::exchange(read_, false);
      searching = std::exchange(searching_, std::nullopt);
    }
    const bool tick_due = Clock::now() >= next_tick;
    if (tick_due) next_tick = Clock::now() + settings_.lease / 3;
    try {
      while (!claims.empty()) {
        const int rank = rank_of(claims.front());
        const Claim claim = std::move(claims.front());
        claims.pop_front();
        callbacks_.rank(claim.round, claim.member, rank);
      }
      if (searching) {
        tell_searching(*searching);
        searching.reset();  // told: nothing to tell again if what follows fails
      }
      if (tick_due || outage) next_tick = Clock::now() + tick();
      if (read || outage) {
        core::SharedRoundState state = read_state();
        // A deadline set by a find (here or elsewhere): tick when it passes,
        // whoever owns the clock (a tick that does not own it changes nothing).
        if (state.phase != core::SharedPhase::playing)
          next_tick = std::min(next_tick, Clock::now() + state.left + milliseconds(5));
        callbacks_.state(std::move(state));
      }
      if (std::exchange(outage, false)) std::fprintf(stderr, "room %s: PostgreSQL answers again\n", settings_.name.c_str());
      backoff_.reset();
    } catch (const std::exception& error) {
      if (!outage) std::fprintf(stderr, "room %s: %s\n", settings_.name.c_str(), error.what());
      // The server went away (or did not answer in time): whoever waits for
      // a rank is told it is unknown; the row is read again once it answers.
      for (const Claim& claim : claims) callbacks_.rank(claim.round, claim.member, core::rank_unknown);
      if (searching) {  // told again after the outage, unless a newer count came meanwhile
        const std::lock_guard lock(mutex_);
        if (!searching_) searching_ = searching;
      }
      outage = true;
      next_tick = Clock::now() + backoff_.next();
    }
  }
}

// Connected in the constructor; after an outage, again on the next query.
pg::Client& PgRoom::client() {
  client_->reconnect_if_lost();
  return *client_;
}

int PgRoom::rank_of(const Claim& claim) {
  const pg::Result found = client().query(
      find_sql, {settings_.name, std::to_string(claim.round), ms(settings_.grace), server_id_, claim.find.nickname,
                 std::to_string(claim.find.tries), ms(claim.find.time)});
  return found.rows() == 0 ? 0 : static_cast<int>(found.int64(0, 0));
}

void PgRoom::tell_searching(const Searching& count) {
  client().query(searching_sql, {settings_.name, server_id_, std::to_string(count.round),
                                 std::to_string(count.players), ms(settings_.lease), ms(settings_.pause)});
}

PgRoom::Clock::duration PgRoom::tick() {
  const Clock::duration period = settings_.lease / 3;
  const pg::Result owned =
      client().query(tick_sql, {settings_.name, server_id_, ms(settings_.lease),
                                std::to_string(secrets_(settings_.bounds)), ms(settings_.pause)});
  if (owned.rows() == 0 || owned.is_null(0, 1)) return period;
  // The owner wakes at the deadline (a little after: the database's clock).
  const milliseconds left{std::max<std::int64_t>(owned.int64(0, 1), 0)};
  return std::min<Clock::duration>(period, left + milliseconds(5));
}

// The row and this round's finds from the other servers, in one statement:
// one snapshot (two queries could see the row before a find and the find).
core::SharedRoundState PgRoom::read_state() {
  const pg::Result rows = client().query(
      "SELECT r.round, r.secret, r.phase, "
      "greatest(0, coalesce(ceil(extract(epoch FROM r.deadline - now()) * 1000), 0))::bigint, "
      "f.rank, f.nickname, f.tries, f.time_ms "
      "FROM liaison.rooms AS r LEFT JOIN liaison.room_finds AS f "
      "ON f.room = r.name AND f.round = r.round AND f.server <> $2 "
      "WHERE r.name = $1 ORDER BY f.rank",
      {settings_.name, server_id_});
  if (rows.rows() == 0) throw pg::Error(fmt::format("the room \"{}\" is gone", settings_.name));
  core::SharedRoundState state{.round = rows.int64(0, 0),
                               .secret = rows.int64(0, 1),
                               .phase = phase_named(rows.text(0, 2)),
                               .left = milliseconds(rows.int64(0, 3)),
                               .finds = {}};
  for (int i = 0; i < rows.rows(); ++i)
    if (!rows.is_null(i, 4))
      state.finds.push_back({.rank = static_cast<int>(rows.int64(i, 4)),
                             .nickname = std::string(rows.text(i, 5)),
                             .tries = static_cast<int>(rows.int64(i, 6)),
                             .time = milliseconds(rows.int64(i, 7))});
  return state;
}

}  // namespace liaison::store
