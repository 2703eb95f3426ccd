// Writes games many per transaction: a commit (with its log write and the
// occasional checkpoint) is paid once per batch instead of once per game.
// Each game is still all-or-nothing: a batch is one transaction.
//
// Two ways, chosen at construction:
// - writer (PostgreSQL: a commit is a network round trip): a thread of its
//   own writes whatever is queued, woken by record() when it sleeps, and
//   calls back each waiter (when_committed) from there;
// - Commit::here (SQLite: a commit appends to the log, no fsync): the event
//   loops commit on their own threads once per turn (commit_here), so a
//   finished game costs no hand-off between threads at all. The writer thread
//   is then only a backstop for games nobody commits (a round's end on its
//   timer): it looks at most once per `window` while games are recorded, and
//   sleeps, costing nothing, while none are.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/score_store.hpp"

namespace liaison::store {

class GroupCommitStore final : public core::ScoreStore, public core::DeferredCommits {
 public:
  enum class Commit { writer, here };
  explicit GroupCommitStore(std::unique_ptr<core::ScoreStore> inner, Commit mode = Commit::writer,
                            std::chrono::milliseconds window = std::chrono::milliseconds(20));
  // Commits what is still queued, then stops the writer.
  ~GroupCommitStore() override;
  GroupCommitStore(const GroupCommitStore&) = delete;
  GroupCommitStore& operator=(const GroupCommitStore&) = delete;

  // Queues the games for the writer and returns; never throws for the disk.
  void record(const std::vector<core::GameRecord>& games) override;
  // Reads what is committed (a finished game is, before its player hears of it).
  std::vector<core::LeaderboardRow> leaderboard(std::size_t count) override;
  std::vector<core::FinishedGame> history(std::size_t count) override;

  // Returns once everything queued is committed and everyone waiting for it
  // has been called back.
  void drain();

  // Called on the writer's thread after each batch is committed (the page's
  // leaderboard refreshes then: before, it could read the file too early).
  // An empty function stops the calls; it is safe to clear while writing.
  // It runs under the store's lock: it may read (leaderboard), not record.
  void on_commit(std::function<void()> hook);

  core::CommitTicket claim_ticket() override;
  void when_committed(core::CommitTicket ticket, std::function<void(bool committed)> done) override;
  bool commits_here() const override { return mode_ == Commit::here; }
  // Writes everything queued (by any thread) on the calling thread, in one
  // transaction, and tells its waiters; returns once it is done.
  void commit_here() override;
  std::optional<bool> outcome(core::CommitTicket ticket) override;
  bool kept_for_later(core::CommitTicket ticket) override;

 private:
  struct Group {  // the games of one record() call
    core::CommitTicket ticket;
    std::vector<core::GameRecord> games;
  };
  struct Waiter {
    core::CommitTicket ticket;
    std::function<void(bool)> done;
  };

  void write_batches();
  // The backstop of Commit::here: waits until games may need it.
  void wait_for_work(std::unique_lock<std::mutex>& lock);
  // With write_mutex_ and `lock` held, the queue not empty: writes it all
  // and announces it; returns with `lock` held.
  void write_queued(std::vector<Group>& batch, std::vector<core::CommitTicket>& failed,
                    std::unique_lock<std::mutex>& lock);
  // With the lock held: the batch up to `last` is committed (but `failed`);
  // tells its waiters and the commit hook, unlocking around the waiters.
  void announce(core::CommitTicket last, const std::vector<core::CommitTicket>& failed,
                std::unique_lock<std::mutex>& lock);
  void write(const std::vector<Group>& batch, std::vector<core::CommitTicket>& failed);

  std::unique_ptr<core::ScoreStore> inner_;
  const Commit mode_;
  const std::chrono::milliseconds window_;
  std::mutex write_mutex_;  // one batch at a time, so that batches commit in ticket order
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Group> queued_;
  core::CommitTicket recorded_ = 0;   // tickets handed out
  core::CommitTicket committed_ = 0;  // written (or failed) up to here
  std::deque<core::CommitTicket> failures_;  // the latest ones not recorded
  std::deque<core::CommitTicket> kept_;      // the latest failures the inner store keeps for later
  std::vector<core::CommitTicket> kept_in_write_;  // the batch being written's (under write_mutex_)
  std::vector<Waiter> waiters_;
  std::vector<Waiter> ready_;  // the writer's: waiters of the batch just written
  bool calling_back_ = false;
  std::function<void()> on_commit_;
  bool writer_waiting_ = false;  // asleep: the next record() wakes it
  bool recorded_since_look_ = false;  // Commit::here: a game was recorded since the backstop last looked
  std::condition_variable idle_;  // for drain()
  bool stopping_ = false;
  std::thread writer_;  // last: started once everything above exists
};

}  // namespace liaison::store
