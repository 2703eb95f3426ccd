// The scores' schema in PostgreSQL: everything in the schema `liaison` (a
// shared database may hold other applications' tables), its version in the
// one-row table liaison.schema_version, and an ordered list of steps, step N
// taking the schema from version N-1 to N -- as migrations.hpp does for
// SQLite, with the same tables.
#pragma once

#include "store/pg_client.hpp"

namespace liaison::store::pg {

// The version this build creates and understands.
int latest_schema_version();

// The version of the database's liaison schema; 0 when it has none yet.
// Throws when a schema `liaison` is there without a version (not ours).
int schema_version(Client& client);

// Applies the missing steps, all in one transaction under an advisory lock,
// so that servers starting at once on a new database apply each step once.
// Throws (and changes nothing) when the database holds a newer schema than
// this build knows. `target` stops at an older version (tests).
void migrate(Client& client, int target = latest_schema_version());

}  // namespace liaison::store::pg
