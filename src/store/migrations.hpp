// The schema of the scores database, versioned with PRAGMA user_version: an
// ordered list of steps, step N taking the database from version N-1 to N.
#pragma once

#include "store/sqlite.hpp"

namespace liaison::store {

// The version this build creates and understands.
int latest_schema_version();

// Applies the missing steps, each in its own transaction (so two processes
// opening a new file at once apply each step once). Throws when the file
// holds a newer schema than this build knows, or tables that are not ours.
// `target` stops at an older version (tests: a file as an older liaison left it).
void migrate(sqlite::Database& db, int target = latest_schema_version());

}  // namespace liaison::store
