#include "store/sqlite.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include <utility>

namespace liaison::store::sqlite {
namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view context, int code) {
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  throw Error(fmt::format("{}: {}", context, message), code);
}

void check(sqlite3* db, int code, std::string_view context) {
  if (code != SQLITE_OK) fail(db, context, code);
}

}  // namespace

Database::Database(const std::string& path, OpenMode mode) : path_(path) {
  // No SQLite mutex: each connection is used by one thread at a time (the
  // store holds its own lock around every use).
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == OpenMode::create) flags |= SQLITE_OPEN_CREATE;
  const int code = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (code != SQLITE_OK) {
    const std::string message = fmt::format("cannot open {}: {}", path,
                                            db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(code));
    sqlite3_close(db_);  // a handle is returned even on failure
    throw Error(message, code);
  }
  sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() {
  sqlite3_finalize(begin_);
  sqlite3_finalize(commit_);
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Database::Database(Database&& other) noexcept
    : path_(std::move(other.path_)),
      db_(std::exchange(other.db_, nullptr)),
      begin_(std::exchange(other.begin_, nullptr)),
      commit_(std::exchange(other.commit_, nullptr)) {}

void Database::execute(std::string_view sql) {
  const std::string text(sql);
  check(db_, sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr), path_);
}

void Database::begin_immediate() { run_cached(begin_, "BEGIN IMMEDIATE"); }

void Database::commit() { run_cached(commit_, "COMMIT"); }

void Database::run_cached(sqlite3_stmt*& statement, std::string_view sql) {
  if (statement == nullptr)
    check(db_,
          sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement,
                             nullptr),
          path_);
  const int code = sqlite3_step(statement);
  if (code == SQLITE_DONE) {
    sqlite3_reset(statement);
    return;
  }
  const std::string message = sqlite3_errmsg(db_);  // before the reset
  sqlite3_reset(statement);
  throw Error(fmt::format("{}: {}", path_, message), code);
}

std::int64_t Database::query_int(std::string_view sql) {
  Statement statement(*this, sql);
  return statement.step() ? statement.int64(0) : 0;
}

std::string Database::query_text(std::string_view sql) {
  Statement statement(*this, sql);
  return statement.step() ? statement.text(0) : std::string();
}

Statement::Statement(Database& db, std::string_view sql) : db_(db) {
  check(db_.handle(),
        sqlite3_prepare_v3(db_.handle(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &statement_, nullptr),
        db_.path());
}

Statement::~Statement() { sqlite3_finalize(statement_); }

void Statement::bind(int index, std::int64_t value) {
  check(db_.handle(), sqlite3_bind_int64(statement_, index, value), db_.path());
}

void Statement::bind(int index, std::string_view text) {
  check(db_.handle(),
        sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
        db_.path());
}

void Statement::bind_null(int index) { check(db_.handle(), sqlite3_bind_null(statement_, index), db_.path()); }

bool Statement::step() {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  fail(db_.handle(), db_.path(), code);
}

void Statement::reset() noexcept {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

bool Statement::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(statement_, column); }

double Statement::real(int column) const { return sqlite3_column_double(statement_, column); }

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(statement_, column);
  const int size = sqlite3_column_bytes(statement_, column);
  return bytes != nullptr ? std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size))
                          : std::string();
}

Transaction::Transaction(Database& db) : db_(db) { db_.begin_immediate(); }

Transaction::~Transaction() {
  // A failed statement may already have ended the transaction: then there is
  // nothing to roll back.
  if (!done_ && sqlite3_get_autocommit(db_.handle()) == 0) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.commit();
  done_ = true;
}

bool Error::busy() const {
  const int primary = code_ & 0xFF;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

}  // namespace liaison::store::sqlite
