// How the app and the server get their score store, without knowing it is
// SQLite.
#pragma once

#include <memory>
#include <string>

#include "core/score_store.hpp"
#include "store/sqlite.hpp"

namespace liaison::store {

// Opens the scores database at `path`; "" means the default path (see
// data_path.hpp), whose directories are created when needed. With
// OpenMode::existing a missing file is an error instead of a new database.
// Throws with a one-line message on any failure.
std::unique_ptr<core::ScoreStore> open_score_store(const std::string& path,
                                                   sqlite::OpenMode mode = sqlite::OpenMode::create);

}  // namespace liaison::store
