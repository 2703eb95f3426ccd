#include "store/group_commit_store.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <iterator>
#include <utility>

namespace liaison::store {
namespace {

// What the calling thread recorded and has not claimed yet. A server thread
// answers one message at a time, so this is what its last answer recorded.
thread_local core::CommitTicket unclaimed = 0;

constexpr std::size_t failures_kept = 1024;

}  // namespace

GroupCommitStore::GroupCommitStore(std::unique_ptr<core::ScoreStore> inner, Commit mode,
                                   std::chrono::milliseconds window)
    : inner_(std::move(inner)), mode_(mode), window_(window), writer_([this] { write_batches(); }) {}

GroupCommitStore::~GroupCommitStore() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
}

void GroupCommitStore::record(const std::vector<core::GameRecord>& games) {
  if (games.empty()) return;
  bool wake_writer = false;
  {
    const std::lock_guard lock(mutex_);
    queued_.push_back({.ticket = ++recorded_, .games = games});
    unclaimed = recorded_;
    // A busy writer takes these with its next batch; with Commit::here, a
    // backstop that looks every window_ needs no wake-up either.
    wake_writer = writer_waiting_ && (mode_ == Commit::writer || !recorded_since_look_);
    recorded_since_look_ = true;
  }
  if (wake_writer) wake_.notify_one();
}

std::vector<core::LeaderboardRow> GroupCommitStore::leaderboard(std::size_t count) {
  return inner_->leaderboard(count);
}

std::vector<core::FinishedGame> GroupCommitStore::history(std::size_t count) { return inner_->history(count); }

void GroupCommitStore::drain() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return queued_.empty() && committed_ == recorded_ && !calling_back_; });
}

void GroupCommitStore::on_commit(std::function<void()> hook) {
  const std::lock_guard lock(mutex_);
  on_commit_ = std::move(hook);
}

core::CommitTicket GroupCommitStore::claim_ticket() { return std::exchange(unclaimed, 0); }

void GroupCommitStore::when_committed(core::CommitTicket ticket, std::function<void(bool)> done) {
  std::unique_lock lock(mutex_);
  if (ticket > committed_) {
    waiters_.push_back({.ticket = ticket, .done = std::move(done)});
    return;
  }
  const bool committed = std::find(failures_.begin(), failures_.end(), ticket) == failures_.end();
  lock.unlock();
  done(committed);
}

void GroupCommitStore::commit_here() {
  const std::lock_guard writing(write_mutex_);
  std::unique_lock lock(mutex_);
  if (queued_.empty()) return;
  std::vector<Group> batch;
  std::vector<core::CommitTicket> failed;
  write_queued(batch, failed, lock);
}

bool GroupCommitStore::kept_for_later(core::CommitTicket ticket) {
  const std::lock_guard lock(mutex_);
  return std::find(kept_.begin(), kept_.end(), ticket) != kept_.end();
}

std::optional<bool> GroupCommitStore::outcome(core::CommitTicket ticket) {
  const std::lock_guard lock(mutex_);
  if (ticket > committed_) return std::nullopt;
  return std::find(failures_.begin(), failures_.end(), ticket) == failures_.end();
}

// The writer: takes everything queued, writes it in one transaction, then
// tells whoever waits for those games. While it writes, more games queue up
// and make the next batch: the busier the server, the larger the batches.
void GroupCommitStore::write_batches() {
  std::vector<Group> batch;
  std::vector<core::CommitTicket> failed;
  for (;;) {
    std::unique_lock lock(mutex_);
    wait_for_work(lock);
    if (queued_.empty()) {
      if (stopping_) return;  // everything is written
      continue;
    }
    lock.unlock();  // write_mutex_ first: the order commit_here() takes them in
    const std::lock_guard writing(write_mutex_);
    lock.lock();
    if (!queued_.empty()) write_queued(batch, failed, lock);
  }
}

void GroupCommitStore::wait_for_work(std::unique_lock<std::mutex>& lock) {
  writer_waiting_ = true;
  if (mode_ == Commit::writer) {
    wake_.wait(lock, [this] { return !queued_.empty() || stopping_; });
  } else {
    // Asleep until a game is recorded, then a look once per window: the
    // event loops commit their own games in the meantime.
    wake_.wait(lock, [this] { return recorded_since_look_ || stopping_; });
    wake_.wait_for(lock, window_, [this] { return stopping_; });
    recorded_since_look_ = false;
  }
  writer_waiting_ = false;
}

void GroupCommitStore::write_queued(std::vector<Group>& batch, std::vector<core::CommitTicket>& failed,
                                    std::unique_lock<std::mutex>& lock) {
  batch.swap(queued_);
  lock.unlock();
  write(batch, failed);
  const core::CommitTicket last = batch.back().ticket;
  batch.clear();
  lock.lock();
  announce(last, failed, lock);
  failed.clear();
}

void GroupCommitStore::announce(core::CommitTicket last, const std::vector<core::CommitTicket>& failed,
                                std::unique_lock<std::mutex>& lock) {
  committed_ = last;
  for (const core::CommitTicket ticket : failed) {
    failures_.push_back(ticket);
    if (failures_.size() > failures_kept) failures_.pop_front();
  }
  for (const core::CommitTicket ticket : kept_in_write_) {
    kept_.push_back(ticket);
    if (kept_.size() > failures_kept) kept_.pop_front();
  }
  kept_in_write_.clear();
  // Every waiter up to `last` waits for this batch: earlier ones were told
  // by earlier batches, or at once in when_committed().
  const auto waiting =
      std::partition(waiters_.begin(), waiters_.end(), [last](const Waiter& waiter) { return waiter.ticket > last; });
  std::move(waiting, waiters_.end(), std::back_inserter(ready_));
  waiters_.erase(waiting, waiters_.end());
  calling_back_ = true;
  lock.unlock();
  for (Waiter& waiter : ready_)
    waiter.done(std::find(failed.begin(), failed.end(), waiter.ticket) == failed.end());
  ready_.clear();
  lock.lock();
  if (on_commit_) on_commit_();  // under the lock: on_commit({}) waits for it
  calling_back_ = false;
  idle_.notify_all();
}

// One transaction for the whole batch; if it fails, each group in a
// transaction of its own, so that one game the file refuses does not take
// the others with it. `failed` gets the tickets not recorded.
void GroupCommitStore::write(const std::vector<Group>& batch, std::vector<core::CommitTicket>& failed) {
  std::vector<core::GameRecord> games;
  for (const Group& group : batch) games.insert(games.end(), group.games.begin(), group.games.end());
  try {
    inner_->record(games);
    return;
  } catch (const core::StoreUnavailable& error) {  // no game of the batch at fault: none is retried alone
    std::fprintf(stderr, "scores: %zu game(s) not recorded yet: %s\n", games.size(), error.what());
    for (const Group& group : batch) {
      failed.push_back(group.ticket);
      if (error.kept()) kept_in_write_.push_back(group.ticket);
    }
    return;
  } catch (const std::exception& error) {
    if (batch.size() == 1) {
      std::fprintf(stderr, "scores: %zu game(s) not recorded: %s\n", games.size(), error.what());
      failed.push_back(batch.front().ticket);
      return;
    }
  }
  for (const Group& group : batch) {
    try {
      inner_->record(group.games);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "scores: %zu game(s) not recorded: %s\n", group.games.size(), error.what());
      failed.push_back(group.ticket);
    }
  }
}

}  // namespace liaison::store
