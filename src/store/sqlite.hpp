// Small RAII wrappers around the SQLite C API: a connection, a prepared
// statement and a write transaction. Every failure throws sqlite::Error with
// SQLite's own message. <sqlite3.h> stays inside sqlite.cpp.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace liaison::store::sqlite {

class Error : public std::runtime_error {
 public:
  Error(const std::string& message, int code) : std::runtime_error(message), code_(code) {}
  // SQLite's extended result code (SQLITE_BUSY, SQLITE_CONSTRAINT_CHECK, ...).
  int code() const { return code_; }
  // Another connection holds the lock (SQLITE_BUSY or SQLITE_LOCKED).
  bool busy() const;

 private:
  int code_;
};

enum class OpenMode {
  create,    // creates the file when missing
  existing,  // fails when the file is missing
};

class Database {
 public:
  // `path` is a file, or ":memory:" for a private in-memory database.
  Database(const std::string& path, OpenMode mode);
  ~Database();
  Database(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database& operator=(Database&&) = delete;

  // Runs SQL once (several statements allowed): schema steps, pragmas,
  // BEGIN/COMMIT. Anything run repeatedly belongs in a Statement.
  void execute(std::string_view sql);
  // The first column of the first row of `sql`, for pragmas and counts.
  std::int64_t query_int(std::string_view sql);
  std::string query_text(std::string_view sql);
  // BEGIN IMMEDIATE and COMMIT, each compiled once: a server commits a
  // transaction per turn of its event loop, and parsing them every time
  // was a visible share of it.
  void begin_immediate();
  void commit();

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  void run_cached(sqlite3_stmt*& statement, std::string_view sql);

  std::string path_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* begin_ = nullptr;
  sqlite3_stmt* commit_ = nullptr;
};

// A prepared statement, reused: bind, step until done, reset.
class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are numbered from 1, as ?1, ?2... in the SQL.
  void bind(int index, std::int64_t value);
  void bind(int index, std::string_view text);
  void bind_null(int index);
  // True while there is a row to read; false once the statement is done.
  bool step();
  // Ready to run again, bindings cleared. Never throws: the error, if any,
  // was already thrown by step().
  void reset() noexcept;

  // Columns of the current row, numbered from 0.
  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  double real(int column) const;
  std::string text(int column) const;

 private:
  Database& db_;
  sqlite3_stmt* statement_ = nullptr;
};

// Resets a statement when the scope ends, even on an exception, so that a
// half-read query never keeps its read transaction (and the WAL) pinned.
class ResetOnExit {
 public:
  explicit ResetOnExit(Statement& statement) : statement_(statement) {}
  ~ResetOnExit() { statement_.reset(); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  Statement& statement_;
};

// BEGIN IMMEDIATE: takes the write lock at once (waiting up to the busy
// timeout) rather than on the first write, so two writers never deadlock
// upgrading a read lock. Rolls back unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace liaison::store::sqlite
