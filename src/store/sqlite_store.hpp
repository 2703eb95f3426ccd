// The scores in one SQLite file, shared safely by several server processes
// (WAL, busy timeout, BEGIN IMMEDIATE) and by several threads of one process.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/score_store.hpp"
#include "store/checkpointer.hpp"
#include "store/sqlite.hpp"

namespace liaison::store {

class SqliteStore final : public core::ScoreStore {
 public:
  // Opens `path` (or ":memory:") and brings its schema up to date. Throws
  // sqlite::Error (missing file with OpenMode::existing, not a database...)
  // or std::runtime_error (a schema newer than this build).
  explicit SqliteStore(const std::string& path, sqlite::OpenMode mode = sqlite::OpenMode::create);

  // Thread-safe: one mutex serialises every use of the connection and its
  // cached statements. A call may wait up to the busy timeout (5 s) while
  // another process writes.
  void record(const std::vector<core::GameRecord>& games) override;
  std::vector<core::LeaderboardRow> leaderboard(std::size_t count) override;
  std::vector<core::FinishedGame> history(std::size_t count) override;

 private:
  std::mutex mutex_;
  sqlite::Database db_;
  // Prepared once, reused by every call.
  sqlite::Statement insert_game_;
  sqlite::Statement select_leaderboard_;
  sqlite::Statement select_history_;
  std::optional<Checkpointer> checkpointer_;  // a file in WAL mode (not ":memory:")
};

}  // namespace liaison::store
