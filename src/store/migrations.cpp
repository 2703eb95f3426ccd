#include "store/migrations.hpp"

#include <fmt/format.h>

#include <array>
#include <stdexcept>
#include <string_view>

namespace liaison::store {
namespace {

// Append only: a released step never changes, since databases already ran it.
constexpr std::array<std::string_view, 1> steps{
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
};

int user_version(sqlite::Database& db) { return static_cast<int>(db.query_int("PRAGMA user_version")); }

void check_known(sqlite::Database& db, int version) {
  if (version > latest_schema_version())
    throw std::runtime_error(fmt::format(
        "{}: scores database version {} is newer than this liaison knows ({}): use a newer liaison", db.path(),
        version, latest_schema_version()));
  if (version == 0 && db.query_int("SELECT count(*) FROM sqlite_schema") > 0)
    throw std::runtime_error(fmt::format("{}: an SQLite database, but not liaison's scores", db.path()));
}

}  // namespace

int latest_schema_version() { return static_cast<int>(steps.size()); }

void migrate(sqlite::Database& db) {
  const int found = user_version(db);
  check_known(db, found);
  // Up to date (the usual case): no write lock taken at all.
  for (int version = found + 1; version <= latest_schema_version(); ++version) {
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
