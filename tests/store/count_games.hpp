// Test support for the store tests: how many games a scores file holds,
// read through a connection of its own.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "store/sqlite.hpp"

namespace liaison::store {

inline std::int64_t count_games(const std::filesystem::path& db_path, const std::string& where = "1") {
  sqlite::Database db(db_path.string(), sqlite::OpenMode::existing);
  return db.query_int("SELECT count(*) FROM games WHERE " + where);
}

}  // namespace liaison::store
