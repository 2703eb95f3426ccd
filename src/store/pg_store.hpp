// The scores in PostgreSQL, shared by liaison servers on many machines: the
// same games and players as the SQLite file (pg_migrations.cpp), the same
// leaderboard. Who runs what: every call runs on its caller's thread, which
// drives the store's one connection through libpq's asynchronous API on an
// io_context of the store's own (pg_client.hpp) and waits for the answer --
// in `liaison serve` that caller is the group-commit writer's thread
// (group_commit_store.hpp) for every game recorded, so no game loop waits
// for PostgreSQL to record a game. A mutex serialises callers: one
// connection carries one query at a time.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/score_store.hpp"
#include "store/pg_result.hpp"
#include "store/sqlite.hpp"

namespace liaison::store {

namespace pg {
class Client;
}

class PgStore final : public core::ScoreStore {
 public:
  // Connects with a libpq URI or key=value string and brings the schema up
  // to date; with OpenMode::existing a database without liaison's schema is
  // an error instead of being set up. Throws pg::Error, one line.
  explicit PgStore(const std::string& conninfo, sqlite::OpenMode mode = sqlite::OpenMode::create);
  ~PgStore() override;

  // One INSERT for the whole batch: all of it or nothing.
  void record(const std::vector<core::GameRecord>& games) override;
  std::vector<core::LeaderboardRow> leaderboard(std::size_t count) override;
  std::vector<core::FinishedGame> history(std::size_t count) override;

 private:
  // One query, between transactions: connects again first if the server
  // went away since the last one.
  pg::Result query(std::string_view sql, const pg::Params& params);

  std::mutex mutex_;
  std::unique_ptr<pg::Client> client_;
};

}  // namespace liaison::store
