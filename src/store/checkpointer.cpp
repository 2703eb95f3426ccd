#include "store/checkpointer.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <string>

namespace liaison::store {

Checkpointer::Checkpointer(sqlite::Database& writer, int pages)
    : writer_(writer), own_(writer.path(), sqlite::OpenMode::existing), pages_(pages), thread_([this] { run(); }) {
  own_.execute("PRAGMA busy_timeout = 5000");
  // A connection that has never read the file has not opened its log yet:
  // its checkpoints would do nothing at all ("not in WAL mode", -1 frames)
  // while the log grew for as long as the server ran.
  own_.query_int("PRAGMA schema_version");
  sqlite3_wal_hook(writer_.handle(), &Checkpointer::on_commit, this);  // replaces the automatic checkpoint
}

Checkpointer::~Checkpointer() {
  sqlite3_wal_hook(writer_.handle(), nullptr, nullptr);
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

std::int64_t Checkpointer::frames_copied() const {
  const std::lock_guard lock(mutex_);
  return frames_copied_;
}

// Called by SQLite on the writer's thread after each commit: only a flag.
int Checkpointer::on_commit(void* self, sqlite3* /*db*/, const char* /*name*/, int pages) {
  auto& checkpointer = *static_cast<Checkpointer*>(self);
  if (pages < checkpointer.pages_) return SQLITE_OK;
  {
    const std::lock_guard lock(checkpointer.mutex_);
    checkpointer.due_ = true;
  }
  checkpointer.wake_.notify_one();
  return SQLITE_OK;
}

void Checkpointer::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return due_ || stopping_; });
    if (stopping_) return;  // the last connection to close checkpoints the rest
    due_ = false;
    lock.unlock();
    int log_frames = -1;
    int copied_frames = -1;
    const int code =
        sqlite3_wal_checkpoint_v2(own_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log_frames, &copied_frames);
    if (code != SQLITE_OK && code != SQLITE_BUSY)
      std::fprintf(stderr, "scores: checkpoint of %s failed: %s\n", own_.path().c_str(), sqlite3_errstr(code));
    lock.lock();
    if (copied_frames > 0) frames_copied_ += copied_frames;
  }
}

}  // namespace liaison::store
