// PostgreSQL's answers, without <libpq-fe.h>: an error that keeps the
// server's SQLSTATE, and a result read by row and column (text format).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace liaison::store::pg {

// Query parameters, bound in text format ($1, $2...); nullopt is NULL.
using Params = std::vector<std::optional<std::string>>;

// Every failure of the PostgreSQL store: one line, prefixed "PostgreSQL: ".
class Error : public std::runtime_error {
 public:
  explicit Error(std::string_view message, std::string sqlstate = {});
  // The server's SQLSTATE ("23514": a CHECK refused a row), "" when the
  // failure is not the server's answer (connection, timeout...).
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

// libpq's messages span lines ("...failed: Connection refused\n\tIs the
// server running...?"); a start-up error must be one line.
std::string one_line(std::string_view message);

class Result {
 public:
  Result() = default;
  explicit Result(pg_result* result);  // takes it
  explicit operator bool() const { return result_ != nullptr; }
  pg_result* handle() const { return result_.get(); }

  int rows() const;
  bool is_null(int row, int column) const;
  std::string_view text(int row, int column) const;
  std::int64_t int64(int row, int column) const;
  double real(int row, int column) const;
  bool boolean(int row, int column) const;

 private:
  struct Clear {
    void operator()(pg_result* result) const;
  };
  std::unique_ptr<pg_result, Clear> result_;
};

}  // namespace liaison::store::pg
