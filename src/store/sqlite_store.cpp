#include "store/sqlite_store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <thread>

#include "store/migrations.hpp"

namespace liaison::store {
namespace {

constexpr std::string_view insert_game_sql = R"sql(
  INSERT INTO games (mode, nickname, round, min, max, secret, found, tries, duration_ms, rank)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
)sql";

// Ties on rounds won fall to games found, then to fewer tries on average over
// the games found, then to the fastest find; a player who found nothing has
// neither average nor time and comes last among equals. Only named players
// (the players table: see migrations.cpp).
constexpr std::string_view leaderboard_sql = R"sql(
  SELECT nickname, rounds_won, games_found, games,
         CASE WHEN games_found > 0 THEN CAST(tries_found AS REAL) / games_found END AS average_tries,
         best_time_ms
  FROM players
  ORDER BY rounds_won DESC, games_found DESC, average_tries ASC NULLS LAST, best_time_ms ASC NULLS LAST, nickname
  LIMIT ?1
)sql";

// The last games, oldest first.
constexpr std::string_view history_sql = R"sql(
  SELECT * FROM (
    SELECT id, finished_at, mode, nickname, round, min, max, secret, found, tries, duration_ms, rank
    FROM games ORDER BY id DESC LIMIT ?1
  ) ORDER BY id
)sql";

constexpr int busy_timeout_ms = 5000;

// WAL: readers never block the writer; with synchronous=NORMAL a commit
// survives the process being killed (only a power loss may lose the last
// ones). An in-memory database answers "memory" and keeps it. Switching a new
// file to WAL needs it alone for a moment, and SQLite does not wait for that
// (no busy handler): two servers opening a new file at once retry here.
void use_wal(sqlite::Database& db) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  for (;;) {
    try {
      db.execute("PRAGMA journal_mode = WAL");
      return;
    } catch (const sqlite::Error& error) {
      if (!error.busy() || std::chrono::steady_clock::now() > deadline) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

sqlite::Database open_database(const std::string& path, sqlite::OpenMode mode) {
  sqlite::Database db(path, mode);
  db.execute("PRAGMA busy_timeout = " + std::to_string(busy_timeout_ms));
  use_wal(db);
  db.execute("PRAGMA synchronous = NORMAL");
  db.execute("PRAGMA foreign_keys = ON");
  migrate(db);
  return db;
}

void bind_game(sqlite::Statement& insert, const core::GameRecord& game) {
  const bool solo = game.mode == core::GameMode::solo;
  insert.bind(1, solo ? "solo" : "round");
  if (game.nickname.empty())
    insert.bind_null(2);
  else
    insert.bind(2, game.nickname);
  if (solo)
    insert.bind_null(3);
  else
    insert.bind(3, game.round);
  insert.bind(4, game.min);
  insert.bind(5, game.max);
  insert.bind(6, game.secret);
  insert.bind(7, std::int64_t{game.found ? 1 : 0});
  insert.bind(8, std::int64_t{game.tries});
  insert.bind(9, static_cast<std::int64_t>(game.duration.count()));
  insert.bind(10, std::int64_t{game.rank});
}

core::LeaderboardRow read_row(const sqlite::Statement& select) {
  core::LeaderboardRow row{
      .nickname = select.text(0),
      .rounds_won = select.int64(1),
      .games_found = select.int64(2),
      .games = select.int64(3),
      .average_tries = select.is_null(4) ? 0.0 : select.real(4),
      .best_time = std::nullopt,
  };
  if (!select.is_null(5)) row.best_time = std::chrono::milliseconds(select.int64(5));
  return row;
}

// A game of history_sql's rows.
core::FinishedGame read_game(const sqlite::Statement& select) {
  const bool solo = select.text(2) == "solo";
  return {.game = {.mode = solo ? core::GameMode::solo : core::GameMode::round,
                   .nickname = select.is_null(3) ? std::string() : select.text(3),
                   .round = select.is_null(4) ? 0 : select.int64(4),
                   .min = select.int64(5),
                   .max = select.int64(6),
                   .secret = select.int64(7),
                   .found = select.int64(8) != 0,
                   .tries = static_cast<int>(select.int64(9)),
                   .duration = std::chrono::milliseconds(select.int64(10)),
                   .rank = static_cast<int>(select.int64(11))},
          .finished_at = select.text(1)};
}

// LIMIT ?1 of a query: `count` rows, as many as SQLite can count.
void bind_limit(sqlite::Statement& select, std::size_t count) {
  constexpr auto no_limit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  select.bind(1, static_cast<std::int64_t>(std::min(count, no_limit)));
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path, sqlite::OpenMode mode)
    : db_(open_database(path, mode)),
      insert_game_(db_, insert_game_sql),
      select_leaderboard_(db_, leaderboard_sql),
      select_history_(db_, history_sql) {
  if (db_.query_text("PRAGMA journal_mode") == "wal") checkpointer_.emplace(db_);
}

void SqliteStore::record(const std::vector<core::GameRecord>& games) {
  if (games.empty()) return;
  const std::lock_guard lock(mutex_);
  sqlite::Transaction transaction(db_);
  for (const core::GameRecord& game : games) {
    const sqlite::ResetOnExit reset(insert_game_);
    bind_game(insert_game_, game);
    insert_game_.step();
  }
  transaction.commit();
}

std::vector<core::LeaderboardRow> SqliteStore::leaderboard(std::size_t count) {
  const std::lock_guard lock(mutex_);
  const sqlite::ResetOnExit reset(select_leaderboard_);
  bind_limit(select_leaderboard_, count);
  std::vector<core::LeaderboardRow> rows;
  while (select_leaderboard_.step()) rows.push_back(read_row(select_leaderboard_));
  return rows;
}

std::vector<core::FinishedGame> SqliteStore::history(std::size_t count) {
  const std::lock_guard lock(mutex_);
  const sqlite::ResetOnExit reset(select_history_);
  bind_limit(select_history_, count);
  std::vector<core::FinishedGame> games;
  while (select_history_.step()) games.push_back(read_game(select_history_));
  return games;
}

}  // namespace liaison::store
