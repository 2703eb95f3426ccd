#include "store/pg_result.hpp"

#include <libpq-fe.h>

#include <cctype>
#include <charconv>

namespace liaison::store::pg {
namespace {

template <typename Number>
Number parse(std::string_view text) {
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size())
    throw Error("unexpected value from the server: \"" + std::string(text) + "\"");
  return value;
}

}  // namespace

Error::Error(std::string_view message, std::string sqlstate)
    : std::runtime_error("PostgreSQL: " + one_line(message)), sqlstate_(std::move(sqlstate)) {}

std::string one_line(std::string_view message) {
  std::string line;
  bool blank = false;
  for (const char c : message) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      blank = !line.empty();
      continue;
    }
    if (blank) line += ' ';
    blank = false;
    line += c;
  }
  return line;
}

Result::Result(pg_result* result) : result_(result) {}

void Result::Clear::operator()(pg_result* result) const { PQclear(result); }

int Result::rows() const { return PQntuples(result_.get()); }

bool Result::is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }

std::string_view Result::text(int row, int column) const {
  return {PQgetvalue(result_.get(), row, column), static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
}

std::int64_t Result::int64(int row, int column) const { return parse<std::int64_t>(text(row, column)); }

double Result::real(int row, int column) const { return parse<double>(text(row, column)); }

bool Result::boolean(int row, int column) const { return text(row, column) == "t"; }

}  // namespace liaison::store::pg
