#include "store/checkpointer.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <string>

namespace liaison::store {

Checkpointer::Checkpointer(sqlite::Database& writer, int pages)
    : writer_(writer), own_(writer.path(), sqlite::OpenMode::existing), pages_(pages), thread_([this] { run(); }) {
  own_.execute("PRAGMA busy_timeout = 5000");
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

int Checkpointer::checkpoints() const {
  const std::lock_guard lock(mutex_);
  return checkpoints_;
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
    const int code = sqlite3_wal_checkpoint_v2(own_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (code != SQLITE_OK && code != SQLITE_BUSY)
      std::fprintf(stderr, "scores: checkpoint of %s failed: %s\n", own_.path().c_str(), sqlite3_errstr(code));
    lock.lock();
    ++checkpoints_;
  }
}

}  // namespace liaison::store
