// Test support for the score store contract: each store as the contract
// tests see it -- a fresh database, opened as the server opens it, and the
// few things the interface does not tell (games stored, schema version).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/score_store.hpp"
#include "store/migrations.hpp"
#include "store/pg_client.hpp"
#include "store/pg_migrations.hpp"
#include "store/pg_store.hpp"
#include "store/sqlite.hpp"
#include "store/sqlite_store.hpp"
#include "support/pg_server.hpp"
#include "support/temp_dir.hpp"

namespace liaison::store {

class Backend {
 public:
  virtual ~Backend() = default;
  // A store on this backend's database (created, or brought up to date).
  virtual std::unique_ptr<core::ScoreStore> open() = 0;
  virtual std::int64_t count_games() = 0;
  virtual int schema_version() = 0;
  virtual void set_schema_version(int version) = 0;
  virtual int latest_schema_version() = 0;
};

class SqliteBackend final : public Backend {
 public:
  std::unique_ptr<core::ScoreStore> open() override { return std::make_unique<SqliteStore>(path_); }
  std::int64_t count_games() override { return db().query_int("SELECT count(*) FROM games"); }
  int schema_version() override { return static_cast<int>(db().query_int("PRAGMA user_version")); }
  void set_schema_version(int version) override {
    db().execute("PRAGMA user_version = " + std::to_string(version));
  }
  int latest_schema_version() override { return store::latest_schema_version(); }

 private:
  sqlite::Database db() { return sqlite::Database(path_, sqlite::OpenMode::existing); }
  testing::TempDir dir_;
  std::string path_ = (dir_ / "scores.db").string();
};

// A database of its own on the tests' PostgreSQL server.
class PgBackend final : public Backend {
 public:
  std::unique_ptr<core::ScoreStore> open() override { return std::make_unique<PgStore>(uri_); }
  std::int64_t count_games() override { return admin_.query("SELECT count(*) FROM liaison.games").int64(0, 0); }
  int schema_version() override { return pg::schema_version(admin_); }
  void set_schema_version(int version) override {
    admin_.query("UPDATE liaison.schema_version SET version = $1", {std::to_string(version)});
  }
  int latest_schema_version() override { return pg::latest_schema_version(); }

 private:
  std::string uri_ = testing::pg_server().uri(testing::pg_server().create_database());
  pg::Client admin_{uri_};
};

}  // namespace liaison::store
