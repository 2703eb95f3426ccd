// Where the scores live by default, following the XDG base directories:
// $XDG_DATA_HOME/liaison/scores.db, else $HOME/.local/share/liaison/scores.db.
#pragma once

#include <filesystem>

namespace liaison::store {

// The default database path; creates nothing. Throws when neither
// XDG_DATA_HOME (absolute) nor HOME is set.
std::filesystem::path default_db_path();

// Creates the directories that will hold `db_path` when they are missing;
// the one holding the file is owner-only, as XDG asks of new data directories.
void create_parent_directories(const std::filesystem::path& db_path);

}  // namespace liaison::store
