// The SQLite score store on real files: schema versions, what is recorded,
// durability and two writers at once. What every store must do (the
// leaderboard's order, all-or-nothing batches, a newer schema refused...) is
// score_store_contract_test.cpp's, run against SQLite and PostgreSQL.
#include "store/sqlite_store.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/migrations.hpp"
#include "store/sqlite.hpp"
#include "store/count_games.hpp"
#include "support/game_records.hpp"
#include "support/temp_dir.hpp"
#include "support/text_scan.hpp"

namespace liaison::store {
namespace {

using namespace std::chrono_literals;
using testing::round_game;
using testing::solo_game;
using testing::Scan;
using testing::TempDir;

constexpr int sqlite_notadb = 26;               // SQLITE_NOTADB
constexpr int sqlite_cantopen = 14;             // SQLITE_CANTOPEN

std::vector<std::string> nicknames(const std::vector<core::LeaderboardRow>& rows) {
  std::vector<std::string> names;
  for (const auto& row : rows) names.push_back(row.nickname);
  return names;
}

TEST(SqliteStoreSchema, NewFileIsMigratedToTheLatestVersion) {
  TempDir dir;
  SqliteStore store((dir / "scores.db").string());
  sqlite::Database db((dir / "scores.db").string(), sqlite::OpenMode::existing);
  EXPECT_GE(latest_schema_version(), 1);
  EXPECT_EQ(db.query_int("PRAGMA user_version"), latest_schema_version());
  EXPECT_EQ(db.query_int("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'games'"), 1);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'players'"), 1);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"), 1);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'games_by_nickname'"), 0);
}

// A file an older liaison left at version 1 (games only): opening it adds the
// players table, counted from the games already there, and then kept by the
// trigger; the leaderboard is the same as version 1's grouping gave.
TEST(SqliteStoreSchema, Version1FileGetsItsPlayersCountedFromItsGames) {
  TempDir dir;
  const std::string path = (dir / "scores.db").string();
  {
    sqlite::Database db(path, sqlite::OpenMode::create);
    migrate(db, 1);
    db.execute(R"sql(
      INSERT INTO games (mode, nickname, round, min, max, secret, found, tries, duration_ms, rank) VALUES
        ('solo', 'alice', NULL, 1, 100, 42, 1, 6, 3000, 0),
        ('round', 'ALICE', 1, 1, 100, 42, 1, 4, 9000, 1),
        ('round', 'bob', 1, 1, 100, 42, 1, 5, 9500, 2),
        ('solo', 'carol', NULL, 1, 100, 42, 0, 3, 60000, 0),
        ('solo', NULL, NULL, 1, 100, 42, 1, 2, 100, 0)
    )sql");
    ASSERT_EQ(db.query_int("PRAGMA user_version"), 1);
  }
  SqliteStore store(path);
  store.record({solo_game("Alice", 2, 2500ms), solo_game("carol", 7, 20s)});
  const auto rows = store.leaderboard(10);
  ASSERT_EQ(nicknames(rows), (std::vector<std::string>{"Alice", "bob", "carol"}));
  EXPECT_EQ(rows[0].rounds_won, 1);
  EXPECT_EQ(rows[0].games, 3);
  EXPECT_DOUBLE_EQ(rows[0].average_tries, 4.0);
  EXPECT_EQ(rows[0].best_time, std::chrono::milliseconds(2500));
  EXPECT_EQ(rows[2].games, 2);
  EXPECT_EQ(rows[2].games_found, 1);
  EXPECT_DOUBLE_EQ(rows[2].average_tries, 7.0);
  EXPECT_EQ(rows[2].best_time, std::chrono::milliseconds(20000));
}

TEST(SqliteStoreSchema, ReopeningKeepsTheDataAndTheVersion) {
  TempDir dir;
  const std::string path = (dir / "scores.db").string();
  std::vector<core::LeaderboardRow> before;
  {
    SqliteStore store(path);
    store.record({round_game("alice", 1, 1, 5, 9s), solo_game("bob", 4, 5s)});
    before = store.leaderboard(10);
  }
  SqliteStore store(path, sqlite::OpenMode::existing);
  const auto after = store.leaderboard(10);
  EXPECT_EQ(nicknames(after), nicknames(before));
  EXPECT_EQ(nicknames(after), (std::vector<std::string>{"alice", "bob"}));
  EXPECT_EQ(count_games(path), 2);
  sqlite::Database db(path, sqlite::OpenMode::existing);
  EXPECT_EQ(db.query_int("PRAGMA user_version"), latest_schema_version());
}

TEST(SqliteStoreSchema, AnotherProgramsDatabaseIsRefused) {
  TempDir dir;
  const std::string path = (dir / "other.db").string();
  sqlite::Database(path, sqlite::OpenMode::create).execute("CREATE TABLE notes (text TEXT)");
  EXPECT_THROW(SqliteStore store(path), std::runtime_error);
  sqlite::Database db(path, sqlite::OpenMode::existing);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'games'"), 0);
}

TEST(SqliteStoreSchema, GarbageFileIsNotADatabaseAndStaysUntouched) {
  TempDir dir;
  const auto path = dir / "garbage.db";
  const std::string garbage(4096, 'x');
  std::ofstream(path) << garbage;
  try {
    SqliteStore store(path.string());
    FAIL() << "opened a garbage file";
  } catch (const sqlite::Error& error) {
    EXPECT_EQ(error.code(), sqlite_notadb) << error.what();
    EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos) << error.what();
  }
  EXPECT_EQ(std::filesystem::file_size(path), garbage.size());
}

TEST(SqliteStoreSchema, ExistingModeNeverCreatesAFile) {
  TempDir dir;
  const auto path = dir / "missing.db";
  try {
    SqliteStore store(path.string(), sqlite::OpenMode::existing);
    FAIL() << "opened a missing file";
  } catch (const sqlite::Error& error) {
    EXPECT_EQ(error.code(), sqlite_cantopen) << error.what();
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SqliteStoreSchema, WriteAheadLogIsOn) {
  TempDir dir;
  SqliteStore store((dir / "scores.db").string());
  sqlite::Database db((dir / "scores.db").string(), sqlite::OpenMode::existing);
  EXPECT_EQ(db.query_text("PRAGMA journal_mode"), "wal");
}

TEST(SqliteStoreRecord, StoresEachGameAsGiven) {
  TempDir dir;
  const auto path = dir / "scores.db";
  SqliteStore store(path.string());
  store.record({solo_game("", 3, 1500ms), round_game("Zoé", 7, 2, 6, 12s)});
  sqlite::Database db(path.string(), sqlite::OpenMode::existing);
  sqlite::Statement select(db,
                           "SELECT mode, nickname, round, min, max, secret, found, tries, duration_ms, rank, finished_at "
                           "FROM games ORDER BY id");
  ASSERT_TRUE(select.step());
  EXPECT_EQ(select.text(0), "solo");
  EXPECT_TRUE(select.is_null(1));  // anonymous
  EXPECT_TRUE(select.is_null(2));  // no round
  EXPECT_EQ(select.int64(6), 1);
  EXPECT_EQ(select.int64(7), 3);
  EXPECT_EQ(select.int64(8), 1500);
  ASSERT_TRUE(select.step());
  EXPECT_EQ(select.text(0), "round");
  EXPECT_EQ(select.text(1), "Zoé");
  EXPECT_EQ(select.int64(2), 7);
  EXPECT_EQ(select.int64(3), 1);
  EXPECT_EQ(select.int64(4), 100);
  EXPECT_EQ(select.int64(5), 42);
  EXPECT_EQ(select.int64(6), 1);
  EXPECT_EQ(select.int64(7), 6);
  EXPECT_EQ(select.int64(8), 12000);
  EXPECT_EQ(select.int64(9), 2);
  const std::string finished_at = select.text(10);
  Scan time(finished_at);
  EXPECT_TRUE(time.shape("####-##-##T##:##:##.###Z") && time.done()) << finished_at;
  EXPECT_FALSE(select.step());
}

TEST(SqliteStoreRecord, InMemoryDatabaseWorks) {
  SqliteStore store(":memory:");
  store.record({solo_game("alice", 3, 2s), solo_game("", 1, 1s)});
  const auto rows = store.leaderboard(10);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].nickname, "alice");
  EXPECT_EQ(rows[0].games_found, 1);
}

// A server killed (kill -9) right after record() returned: the game is in the
// file, although the connection was never closed nor the WAL checkpointed.
TEST(SqliteStoreDurability, RecordedGamesSurviveAKill) {
  TempDir dir;
  const std::string path = (dir / "scores.db").string();
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    try {
      SqliteStore store(path);
      store.record({solo_game("alice", 3, 2s)});
      const char done = 'r';
      [[maybe_unused]] const auto written = ::write(ready[1], &done, 1);
      for (;;) ::pause();  // killed here, the store still open
    } catch (...) {
      ::_exit(1);  // never back into the test runner
    }
  }
  ::close(ready[1]);
  char done = 0;
  ASSERT_EQ(::read(ready[0], &done, 1), 1);
  ::close(ready[0]);
  ::kill(child, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
  SqliteStore store(path);
  EXPECT_EQ(nicknames(store.leaderboard(10)), std::vector<std::string>{"alice"});
}

// Two processes serving games on one file: each store is its own connection,
// as it would be in another process; WAL, the busy timeout and BEGIN
// IMMEDIATE must make every write wait its turn instead of failing.
TEST(SqliteStoreConcurrency, TwoStoresOnOneFileWriteConcurrently) {
  TempDir dir;
  const std::string path = (dir / "scores.db").string();
  constexpr int games_each = 300;
  std::vector<std::string> errors(2);
  auto writer = [&](int id) {
    try {
      SqliteStore store(path);  // both open (and migrate) a new file at once
      const std::string nickname = "player" + std::to_string(id);
      for (int i = 0; i < games_each; ++i) store.record({solo_game(nickname, 1 + i % 7, std::chrono::milliseconds(i))});
    } catch (const std::exception& error) {
      errors[static_cast<std::size_t>(id)] = error.what();
    }
  };
  std::thread first(writer, 0);
  std::thread second(writer, 1);
  first.join();
  second.join();
  EXPECT_EQ(errors, (std::vector<std::string>{"", ""}));
  EXPECT_EQ(count_games(path), 2 * games_each);
  SqliteStore store(path);
  const auto rows = store.leaderboard(10);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].games, games_each);
  EXPECT_EQ(rows[1].games, games_each);
}

// One store shared by the server's threads: its mutex serialises them.
TEST(SqliteStoreConcurrency, OneStoreSharedByThreads) {
  TempDir dir;
  const auto path = dir / "scores.db";
  SqliteStore store(path.string());
  constexpr int threads = 4;
  constexpr int games_each = 100;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&store, t] {
      for (int i = 0; i < games_each; ++i) {
        store.record({round_game("p" + std::to_string(t), i, 1, 3, 2s)});
        if (i % 10 == 0) store.leaderboard(5);
      }
    });
  for (auto& worker : workers) worker.join();
  EXPECT_EQ(count_games(path), threads * games_each);
  for (const auto& row : store.leaderboard(10)) EXPECT_EQ(row.rounds_won, games_each) << row.nickname;
}

}  // namespace
}  // namespace liaison::store
