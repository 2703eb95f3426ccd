// How the app and the server get their score store, without knowing whether
// it is SQLite or PostgreSQL.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/score_store.hpp"
#include "store/sqlite.hpp"

namespace liaison::store {

// The libpq connection string that `db` names, if it names PostgreSQL:
// a URI ("postgresql://user@host:5432/scores", "postgres://..." too), or
// "postgresql:" followed by libpq's key=value form ("postgresql:host=db
// dbname=scores"; "postgresql:" alone leaves everything to the PG*
// environment variables). Anything else is an SQLite file.
std::optional<std::string> postgres_conninfo(const std::string& db);

// Opens the scores database `db`: PostgreSQL (see above), or an SQLite file;
// "" means the default file (see data_path.hpp), whose directories are
// created when needed. With OpenMode::existing a missing file (or a
// PostgreSQL database without liaison's schema) is an error instead of a new
// database. Throws with a one-line message on any failure.
std::unique_ptr<core::ScoreStore> open_score_store(const std::string& db,
                                                   sqlite::OpenMode mode = sqlite::OpenMode::create);

}  // namespace liaison::store
