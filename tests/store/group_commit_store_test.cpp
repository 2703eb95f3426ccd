// The group-commit store over a real SQLite file: record() returns at once,
// a ticket says when the game is on disk, a refused game does not take the
// rest of its batch with it, and nothing queued is lost at the end.
#include "store/group_commit_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite.hpp"
#include "store/sqlite_store.hpp"
#include "store/count_games.hpp"
#include "support/game_records.hpp"
#include "support/temp_dir.hpp"

namespace liaison::store {
namespace {

using namespace std::chrono_literals;
using testing::round_game;
using testing::solo_game;
using testing::TempDir;

// Waits for the store's answer about `ticket`: true when committed.
bool wait_committed(GroupCommitStore& store, core::CommitTicket ticket) {
  std::promise<bool> answer;
  auto future = answer.get_future();
  store.when_committed(ticket, [&answer](bool committed) { answer.set_value(committed); });
  EXPECT_EQ(future.wait_for(10s), std::future_status::ready);
  return future.get();
}

// A store that holds every write until the test lets it go, to make batches.
class GatedStore final : public core::ScoreStore {
 public:
  explicit GatedStore(std::unique_ptr<core::ScoreStore> inner) : inner_(std::move(inner)) {}
  void record(const std::vector<core::GameRecord>& games) override {
    std::unique_lock lock(mutex_);
    ++writes_waiting_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return open_; });
    --writes_waiting_;
    sizes_.push_back(games.size());
    lock.unlock();
    inner_->record(games);
  }
  std::vector<core::LeaderboardRow> leaderboard(std::size_t count) override { return inner_->leaderboard(count); }
  std::vector<core::FinishedGame> history(std::size_t count) override { return inner_->history(count); }
  void wait_for_a_write() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return writes_waiting_ > 0; });
  }
  void open() {
    const std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  std::vector<std::size_t> sizes() {
    const std::lock_guard lock(mutex_);
    return sizes_;
  }

 private:
  std::unique_ptr<core::ScoreStore> inner_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int writes_waiting_ = 0;
  bool open_ = false;
  std::vector<std::size_t> sizes_;
};

TEST(GroupCommitStore, ATicketSaysWhenTheGameIsOnDisk) {
  TempDir dir;
  const auto path = dir / "scores.db";
  GroupCommitStore store(std::make_unique<SqliteStore>(path.string()));
  EXPECT_EQ(store.claim_ticket(), 0U) << "nothing recorded yet";
  store.record({solo_game("alice", 3, 2s)});
  const core::CommitTicket ticket = store.claim_ticket();
  ASSERT_NE(ticket, 0U);
  EXPECT_EQ(store.claim_ticket(), 0U) << "a ticket is claimed once";
  EXPECT_TRUE(wait_committed(store, ticket));
  EXPECT_EQ(count_games(path, "nickname = 'alice'"), 1);  // read by another connection
  // Asked after the commit, the answer comes at once.
  EXPECT_TRUE(wait_committed(store, ticket));
  ASSERT_EQ(store.leaderboard(10).size(), 1U);
}

// The hook runs after each commit: what it reads then includes the batch
// (the page's leaderboard refreshes from it); cleared, it runs no more.
TEST(GroupCommitStore, TheCommitHookSeesTheBatchItFollows) {
  TempDir dir;
  GroupCommitStore store(std::make_unique<SqliteStore>((dir / "scores.db").string()));
  std::promise<std::size_t> seen;
  std::atomic<int> calls = 0;
  store.on_commit([&] {
    if (calls++ == 0) seen.set_value(store.leaderboard(10).size());
  });
  store.record({solo_game("alice", 3, 2s), solo_game("bob", 4, 3s)});
  auto players = seen.get_future();
  ASSERT_EQ(players.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(players.get(), 2U);
  store.drain();
  store.on_commit({});
  const int before = calls;
  store.record({solo_game("carol", 5, 4s)});
  store.drain();
  EXPECT_EQ(calls, before) << "no call once cleared";
  EXPECT_EQ(store.leaderboard(10).size(), 3U);
}

TEST(GroupCommitStore, TicketsBelongToTheThreadThatRecorded) {
  TempDir dir;
  GroupCommitStore store(std::make_unique<SqliteStore>((dir / "scores.db").string()));
  store.record({solo_game("main", 3, 2s)});
  core::CommitTicket other = 0;
  std::thread([&] {
    EXPECT_EQ(store.claim_ticket(), 0U) << "this thread recorded nothing";
    store.record({solo_game("other", 4, 2s)});
    other = store.claim_ticket();
  }).join();
  const core::CommitTicket mine = store.claim_ticket();
  EXPECT_NE(mine, 0U);
  EXPECT_NE(other, 0U);
  EXPECT_NE(mine, other);
  EXPECT_TRUE(wait_committed(store, std::max(mine, other)));
}

// A group-commit store whose writer is held on its first game ("first"), so
// that what is recorded meanwhile queues up, until gate.open().
class GroupCommitStoreHeld : public ::testing::Test {
 protected:
  GroupCommitStoreHeld() {
    auto gated = std::make_unique<GatedStore>(std::make_unique<SqliteStore>(path.string()));
    gate = gated.get();
    store.emplace(std::move(gated));
    store->record({solo_game("first", 3, 2s)});
    gate->wait_for_a_write();
  }

  TempDir dir;
  const std::filesystem::path path = dir / "scores.db";
  GatedStore* gate = nullptr;
  std::optional<GroupCommitStore> store;
};

TEST_F(GroupCommitStoreHeld, GamesQueuedDuringAWriteGoTogether) {
  for (int i = 0; i < 50; ++i) store->record({solo_game("p" + std::to_string(i), 5, 3s)});
  const core::CommitTicket last = store->claim_ticket();
  gate->open();
  EXPECT_TRUE(wait_committed(*store, last));
  EXPECT_EQ(gate->sizes(), (std::vector<std::size_t>{1, 50})) << "the 50 made one batch";
  EXPECT_EQ(count_games(path), 51);
}

TEST_F(GroupCommitStoreHeld, ARefusedGameDoesNotTakeItsBatchWithIt) {
  store->record({solo_game("alice", 3, 2s)});
  const core::CommitTicket alice = store->claim_ticket();
  core::GameRecord impossible = round_game("bob", 1, 1, 4, 5s);
  impossible.secret = 101;  // outside 1..100: the schema refuses it
  store->record({round_game("carol", 1, 2, 6, 8s), impossible});  // one round: all or nothing
  const core::CommitTicket round = store->claim_ticket();
  store->record({solo_game("dave", 7, 4s)});
  const core::CommitTicket dave = store->claim_ticket();
  gate->open();
  EXPECT_TRUE(wait_committed(*store, alice));
  EXPECT_FALSE(wait_committed(*store, round));
  EXPECT_TRUE(wait_committed(*store, dave));
  EXPECT_FALSE(wait_committed(*store, round)) << "still known as failed afterwards";
  EXPECT_EQ(count_games(path, "nickname IN ('first', 'alice', 'dave')"), 3);
  EXPECT_EQ(count_games(path, "nickname IN ('bob', 'carol')"), 0);
}

// A database server that cannot be reached: every write fails as a whole;
// `keeps`: the store keeps the games for later (PostgreSQL's queue).
class UnreachableStore final : public core::ScoreStore {
 public:
  explicit UnreachableStore(bool keeps = false) : keeps_(keeps) {}
  void record(const std::vector<core::GameRecord>&) override { throw core::StoreUnavailable("unreachable", keeps_); }
  std::vector<core::LeaderboardRow> leaderboard(std::size_t) override { return {}; }
  std::vector<core::FinishedGame> history(std::size_t) override { return {}; }

 private:
  bool keeps_;
};

// No game of the batch is at fault: trying each alone would only wait for
// the server again, once per game.
TEST(GroupCommitStore, AnUnreachableStoreFailsTheBatchWithoutTryingEachGameAlone) {
  auto gated = std::make_unique<GatedStore>(std::make_unique<UnreachableStore>());
  GatedStore* gate = gated.get();
  GroupCommitStore store(std::move(gated));
  store.record({solo_game("first", 3, 2s)});
  gate->wait_for_a_write();
  std::vector<core::CommitTicket> tickets;
  for (const char* nickname : {"ann", "ben", "cat"}) {
    store.record({solo_game(nickname, 4, 3s)});
    tickets.push_back(store.claim_ticket());
  }
  gate->open();
  for (const core::CommitTicket ticket : tickets) EXPECT_FALSE(wait_committed(store, ticket));
  EXPECT_EQ(gate->sizes(), (std::vector<std::size_t>{1, 3}));
}

// Not recorded, but kept by the store for later: the reply can say "not yet".
TEST(GroupCommitStore, AFailureTheStoreKeepsForLaterIsToldApart) {
  for (const bool keeps : {false, true}) {
    GroupCommitStore store(std::make_unique<UnreachableStore>(keeps));
    store.record({solo_game("ann", 3, 2s)});
    const core::CommitTicket ticket = store.claim_ticket();
    EXPECT_FALSE(wait_committed(store, ticket));
    EXPECT_EQ(store.kept_for_later(ticket), keeps);
  }
}

TEST(GroupCommitStore, NothingQueuedIsLostAtTheEnd) {
  TempDir dir;
  const auto path = dir / "scores.db";
  {
    GroupCommitStore store(std::make_unique<SqliteStore>(path.string()));
    for (int i = 0; i < 200; ++i) store.record({solo_game("p" + std::to_string(i % 7), 5, 3s)});
    store.drain();
    EXPECT_EQ(count_games(path), 200);
    for (int i = 0; i < 100; ++i) store.record({solo_game("late", 5, 3s)});
  }  // the destructor writes the rest
  EXPECT_EQ(count_games(path), 300);
}

// 4 threads record 100 games each, one at a time; `committed(ticket)` waits
// for each. Returns how many it said were committed.
int record_from_threads(GroupCommitStore& store, const std::function<bool(core::CommitTicket)>& committed) {
  std::atomic<int> count{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        store.record({solo_game("t" + std::to_string(t), 5, 3s)});
        if (committed(store.claim_ticket())) ++count;
      }
    });
  for (std::thread& thread : threads) thread.join();
  return count.load();
}

TEST(GroupCommitStore, ManyThreadsRecordAtOnce) {
  TempDir dir;
  const auto path = dir / "scores.db";
  GroupCommitStore store(std::make_unique<SqliteStore>(path.string()));
  EXPECT_EQ(record_from_threads(store, [&store](core::CommitTicket ticket) { return wait_committed(store, ticket); }),
            400);
  EXPECT_EQ(count_games(path), 400);
}

// Commit::here: the caller commits on its own thread, everything queued at
// once, and outcome() tells each ticket's fate; a game nobody commits (a
// round's end on a timer) is written by the backstop within its window.
TEST(GroupCommitStore, HereTheCallerCommitsAndTheBackstopTakesTheRest) {
  TempDir dir;
  const auto path = dir / "scores.db";
  GroupCommitStore store(std::make_unique<SqliteStore>(path.string()), GroupCommitStore::Commit::here, 50ms);
  EXPECT_TRUE(store.commits_here());
  store.record({solo_game("alice", 3, 2s)});
  store.record({solo_game("bob", 4, 2s)});
  const core::CommitTicket bob = store.claim_ticket();
  store.commit_here();
  EXPECT_EQ(store.outcome(bob), std::optional<bool>(true));
  EXPECT_EQ(count_games(path), 2) << "both, on this thread, before commit_here returned";

  store.record({solo_game("carol", 5, 2s)});
  const core::CommitTicket carol = store.claim_ticket();
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!store.outcome(carol) && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
  EXPECT_EQ(store.outcome(carol), std::optional<bool>(true)) << "the backstop wrote it";
  EXPECT_EQ(count_games(path), 3);
}

TEST(GroupCommitStore, HereManyThreadsCommitTheirOwnTurns) {
  TempDir dir;
  const auto path = dir / "scores.db";
  GroupCommitStore store(std::make_unique<SqliteStore>(path.string()), GroupCommitStore::Commit::here);
  const int committed = record_from_threads(store, [&store](core::CommitTicket ticket) {
    store.commit_here();
    return store.outcome(ticket) == std::optional<bool>(true);
  });
  EXPECT_EQ(committed, 400) << "every ticket committed once its own commit_here returned";
  EXPECT_EQ(count_games(path), 400);
}

}  // namespace
}  // namespace liaison::store
