#include "store/open_score_store.hpp"

#include "store/data_path.hpp"
#include "store/sqlite_store.hpp"

namespace liaison::store {

std::unique_ptr<core::ScoreStore> open_score_store(const std::string& path, sqlite::OpenMode mode) {
  if (!path.empty()) return std::make_unique<SqliteStore>(path, mode);
  const std::filesystem::path default_path = default_db_path();
  if (mode == sqlite::OpenMode::create) create_parent_directories(default_path);
  return std::make_unique<SqliteStore>(default_path.string(), mode);
}

}  // namespace liaison::store
