#include "store/open_score_store.hpp"

#include <string_view>

#include "store/data_path.hpp"
#include "store/pg_store.hpp"
#include "store/sqlite_store.hpp"

namespace liaison::store {

std::optional<std::string> postgres_conninfo(const std::string& db) {
  constexpr std::string_view prefix = "postgresql:";
  if (db.starts_with("postgresql://") || db.starts_with("postgres://")) return db;  // libpq reads both
  if (db.starts_with(prefix)) return db.substr(prefix.size());
  return std::nullopt;
}

std::unique_ptr<core::ScoreStore> open_score_store(const std::string& db, sqlite::OpenMode mode) {
  if (const auto conninfo = postgres_conninfo(db)) return std::make_unique<PgStore>(*conninfo, mode);
  if (!db.empty()) return std::make_unique<SqliteStore>(db, mode);
  const std::filesystem::path default_path = default_db_path();
  if (mode == sqlite::OpenMode::create) create_parent_directories(default_path);
  return std::make_unique<SqliteStore>(default_path.string(), mode);
}

}  // namespace liaison::store
