#include "store/migrations.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>

namespace liaison::store {
namespace {

// Append only: a released step never changes, since databases already ran it.
constexpr std::array<std::string_view, 2> steps{
    // 1: one row per player per finished game.
    R"sql(
      CREATE TABLE games (
        id INTEGER PRIMARY KEY,
        finished_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        mode TEXT NOT NULL CHECK (mode IN ('solo', 'round')),
        nickname TEXT CHECK (nickname <> ''),
        round INTEGER CHECK ((round IS NULL) = (mode = 'solo')),
        min INTEGER NOT NULL,
        max INTEGER NOT NULL CHECK (min <= max),
        secret INTEGER NOT NULL CHECK (secret BETWEEN min AND max),
        found INTEGER NOT NULL CHECK (found IN (0, 1)),
        tries INTEGER NOT NULL CHECK (tries >= 0),
        duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
        rank INTEGER NOT NULL CHECK (rank >= 0)
      );
      -- The leaderboard groups the named players' games.
      CREATE INDEX games_by_nickname ON games (nickname) WHERE nickname IS NOT NULL;
    )sql",
    // 2: one row per player, kept up to date by a trigger, so that the
    // leaderboard reads as many rows as there are players instead of every
    // game ever played (a school's year: a million games, two seconds). A
    // player is a nickname whatever its ASCII case, as in the rooms; it is
    // shown as last spelled.
    R"sql(
      CREATE TABLE players (
        player TEXT PRIMARY KEY COLLATE NOCASE,
        nickname TEXT NOT NULL,
        rounds_won INTEGER NOT NULL,
        games_found INTEGER NOT NULL,
        games INTEGER NOT NULL,
        tries_found INTEGER NOT NULL,  -- over the games found
        best_time_ms INTEGER           -- the fastest find; NULL until one
      ) WITHOUT ROWID;
      WITH grouped AS (
        SELECT nickname COLLATE NOCASE AS player, max(id) AS last_game,
               sum(mode = 'round' AND rank = 1) AS rounds_won, sum(found) AS games_found, count(*) AS games,
               total(CASE WHEN found THEN tries END) AS tries_found,
               min(CASE WHEN found THEN duration_ms END) AS best_time_ms
        FROM games WHERE nickname IS NOT NULL GROUP BY player
      )
      INSERT INTO players
        SELECT player, (SELECT nickname FROM games WHERE id = last_game), rounds_won, games_found, games,
               CAST(tries_found AS INTEGER), best_time_ms
        FROM grouped;
      CREATE TRIGGER games_count_for_players AFTER INSERT ON games WHEN NEW.nickname IS NOT NULL
      BEGIN
        INSERT INTO players VALUES (NEW.nickname, NEW.nickname, NEW.mode = 'round' AND NEW.rank = 1, NEW.found, 1,
                                    CASE WHEN NEW.found THEN NEW.tries ELSE 0 END,
                                    CASE WHEN NEW.found THEN NEW.duration_ms END)
          ON CONFLICT (player) DO UPDATE SET
            nickname = excluded.nickname,
            rounds_won = rounds_won + excluded.rounds_won,
            games_found = games_found + excluded.games_found,
            games = games + 1,
            tries_found = tries_found + excluded.tries_found,
            best_time_ms = coalesce(min(best_time_ms, excluded.best_time_ms), best_time_ms, excluded.best_time_ms);
      END;
      -- Only the leaderboard used it.
      DROP INDEX games_by_nickname;
    )sql",
};

int user_version(sqlite::Database& db) { return static_cast<int>(db.query_int("PRAGMA user_version")); }

void check_not_newer(sqlite::Database& db, int version) {
  if (version > latest_schema_version())
    throw std::runtime_error(fmt::format(
        "{}: scores database version {} is newer than this liaison knows ({}): use a newer liaison", db.path(),
        version, latest_schema_version()));
}

// Under the write lock only: outside a transaction, another process may
// create the tables and set the version between the two reads.
void check_known(sqlite::Database& db, int version) {
  check_not_newer(db, version);
  if (version == 0 && db.query_int("SELECT count(*) FROM sqlite_schema") > 0)
    throw std::runtime_error(fmt::format("{}: an SQLite database, but not liaison's scores", db.path()));
}

}  // namespace

int latest_schema_version() { return static_cast<int>(steps.size()); }

void migrate(sqlite::Database& db, int target) {
  const int found = user_version(db);
  check_not_newer(db, found);
  // Up to date (the usual case): no write lock taken at all.
  for (int version = found + 1; version <= std::min(target, latest_schema_version()); ++version) {
    sqlite::Transaction transaction(db);
    // Read again under the write lock: another process may have migrated.
    const int current = user_version(db);
    check_known(db, current);
    if (current >= version) continue;
    db.execute(steps[static_cast<std::size_t>(version - 1)]);
    db.execute(fmt::format("PRAGMA user_version = {}", version));
    transaction.commit();
  }
}

}  // namespace liaison::store
