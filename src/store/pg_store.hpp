// The scores in PostgreSQL, shared by liaison servers on many machines: the
// same games and players as the SQLite file (pg_migrations.cpp), the same
// leaderboard. Who runs what: every call runs on its caller's thread, which
// drives the store's one connection through libpq's asynchronous API on an
// io_context of the store's own (pg_client.hpp) and waits for the answer --
// in `liaison serve` that caller is the group-commit writer's thread
// (group_commit_store.hpp) for every game recorded, so no game loop waits
// for PostgreSQL to record a game. A mutex serialises callers: one
// connection carries one query at a time.
//
// When the server cannot be reached (restarted, the network down), the
// games wait in a bounded queue (pending_games.hpp): record() keeps trying,
// with backoff, for up to `record_wait`, then throws core::StoreUnavailable
// so that the players waiting for those games are told they are not
// recorded -- yet the games stay queued, and are written as soon as the
// server answers again (the next record(), or watch()'s reconnection).
// Games that do not fit in the queue are refused at once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/score_store.hpp"
#include "store/backoff.hpp"
#include "store/pending_games.hpp"
#include "store/pg_result.hpp"
#include "store/sqlite.hpp"

namespace liaison::store {

namespace pg {
class Client;
class Watch;
}  // namespace pg

struct PgSettings {
  std::chrono::milliseconds record_wait{2000};  // how long a batch waits for an unreachable server
  std::size_t queue_capacity = 10'000;          // games kept while it is unreachable
  Backoff::Settings backoff;                    // between attempts to reach it again
};

class PgStore final : public core::ScoreStore {
 public:
  // Connects with a libpq URI or key=value string and brings the schema up
  // to date; with OpenMode::existing a database without liaison's schema is
  // an error instead of being set up. Throws pg::Error, one line.
  explicit PgStore(const std::string& conninfo, sqlite::OpenMode mode = sqlite::OpenMode::create,
                   PgSettings settings = {});
  // Stops watching, then makes one last attempt to write what waits.
  ~PgStore() override;

  // One INSERT for the whole batch: all of it or nothing. Throws
  // core::StoreUnavailable when the server cannot take it (see above).
  void record(const std::vector<core::GameRecord>& games) override;
  std::vector<core::LeaderboardRow> leaderboard(std::size_t count) override;
  std::vector<core::FinishedGame> history(std::size_t count) override;

  // Calls `changed` whenever games are committed, by this server or any
  // other on the same database, and after every reconnection (the tables
  // are the truth: what was notified during an outage is lost). It runs on
  // the watch's own thread; the games waiting are written on reconnection.
  // An empty function stops watching (before what `changed` uses goes).
  void watch(std::function<void()> changed);

  // The games waiting for the server (tests, logs).
  std::size_t games_waiting();

 private:
  using Clock = std::chrono::steady_clock;

  // With the lock held: writes every game waiting, oldest first; true once
  // none waits. A batch the server refuses (a CHECK) is dropped: rethrown
  // when it is `mine`, said on stderr otherwise.
  bool write_pending(std::uint64_t mine = 0);
  void write_one_by_one(std::uint64_t mine);
  void insert(const std::vector<core::GameRecord>& games);
  void unreachable(const std::exception& error);
  void reachable();
  void flush_pending();

  // One read, between transactions: connects again first if the server
  // went away since the last one, and again if it finds it gone.
  pg::Result query(std::string_view sql, const pg::Params& params);

  const std::string conninfo_;
  const PgSettings settings_;
  std::mutex mutex_;
  std::condition_variable retry_;  // a record() waiting for its next attempt
  std::unique_ptr<pg::Client> client_;
  PendingGames pending_;
  Backoff backoff_;
  Clock::time_point next_attempt_{};  // none before this, during an outage
  bool outage_ = false;
  std::unique_ptr<pg::Watch> watch_;  // last: stopped first
};

}  // namespace liaison::store
