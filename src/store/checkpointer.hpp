// Copies the write-ahead log back into the database file on a thread of its
// own. SQLite's automatic checkpoint runs inside the commit that crosses its
// threshold, fsyncs included: the game waiting for that commit would wait
// for the disk. Here the writer's commits only append to the log, and a
// PASSIVE checkpoint (which never blocks the writer) runs beside them.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "store/sqlite.hpp"

namespace liaison::store {

class Checkpointer {
 public:
  // Watches `writer`'s commits (its automatic checkpoints are off from now
  // on) and checkpoints once the log holds `pages` pages. `writer` must be in
  // WAL mode and outlive this object.
  explicit Checkpointer(sqlite::Database& writer, int pages = 1000);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Frames of the log copied into the database file so far (for tests).
  std::int64_t frames_copied() const;

 private:
  static int on_commit(void* self, sqlite3* db, const char* name, int pages);
  void run();

  sqlite::Database& writer_;
  sqlite::Database own_;  // the checkpoints go through a connection of their own
  const int pages_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false;
  bool stopping_ = false;
  std::int64_t frames_copied_ = 0;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace liaison::store
