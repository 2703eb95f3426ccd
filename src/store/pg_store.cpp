#include "store/pg_store.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "store/pg_client.hpp"
#include "store/pg_migrations.hpp"

namespace liaison::store {
namespace {

// The batch as ten arrays, one per column, unnested in the batch's order:
// one statement (so one implicit transaction) and ten bound parameters,
// whatever the batch's size.
constexpr std::string_view insert_games_sql = R"sql(
  INSERT INTO liaison.games (mode, nickname, round, min, max, secret, found, tries, duration_ms, rank)
  SELECT mode, nickname, round, min, max, secret, found, tries, duration_ms, rank
  FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::boolean[],
              $8::integer[], $9::bigint[], $10::integer[])
       WITH ORDINALITY AS batch (mode, nickname, round, min, max, secret, found, tries, duration_ms, rank, position)
  ORDER BY position
)sql";

// SQLite's order (sqlite_store.cpp), the nickname last in byte order as
// SQLite's BINARY collation, whatever the database's locale.
constexpr std::string_view leaderboard_sql = R"sql(
  SELECT nickname, rounds_won, games_found, games,
         CASE WHEN games_found > 0 THEN tries_found::float8 / games_found END AS average_tries,
         best_time_ms
  FROM liaison.players
  ORDER BY rounds_won DESC, games_found DESC, average_tries ASC NULLS LAST, best_time_ms ASC NULLS LAST,
           nickname COLLATE "C"
  LIMIT $1
)sql";

// The last games, oldest first, finished_at as SQLite writes it.
constexpr std::string_view history_sql = R"sql(
  SELECT * FROM (
    SELECT id, to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           mode, nickname, round, min, max, secret, found, tries, duration_ms, rank
    FROM liaison.games ORDER BY id DESC LIMIT $1
  ) AS last ORDER BY id
)sql";

// A PostgreSQL array literal ({"a",NULL,"b\"c"}): values, never SQL.
class ArrayLiteral {
 public:
  void add(std::int64_t value) { next() += std::to_string(value); }
  void add(bool value) { next() += value ? "t" : "f"; }
  void add_text(const std::optional<std::string>& text) {
    std::string& out = next();
    if (!text) {
      out += "NULL";
      return;
    }
    out += '"';
    for (const char c : *text) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  std::string done() && { return std::move(text_) + '}'; }

 private:
  std::string& next() {
    text_ += text_.size() == 1 ? "" : ",";
    return text_;
  }
  std::string text_ = "{";
};

pg::Params batch_params(const std::vector<core::GameRecord>& games) {
  std::array<ArrayLiteral, 10> columns;
  for (const core::GameRecord& game : games) {
    const bool solo = game.mode == core::GameMode::solo;
    columns[0].add_text(std::string(solo ? "solo" : "round"));
    columns[1].add_text(game.nickname.empty() ? std::nullopt : std::optional(game.nickname));
    if (solo)
      columns[2].add_text(std::nullopt);
    else
      columns[2].add(game.round);
    columns[3].add(game.min);
    columns[4].add(game.max);
    columns[5].add(game.secret);
    columns[6].add(game.found);
    columns[7].add(std::int64_t{game.tries});
    columns[8].add(static_cast<std::int64_t>(game.duration.count()));
    columns[9].add(std::int64_t{game.rank});
  }
  pg::Params params;
  for (ArrayLiteral& column : columns) params.emplace_back(std::move(column).done());
  return params;
}

core::LeaderboardRow read_row(const pg::Result& result, int row) {
  return {.nickname = std::string(result.text(row, 0)),
          .rounds_won = result.int64(row, 1),
          .games_found = result.int64(row, 2),
          .games = result.int64(row, 3),
          .average_tries = result.is_null(row, 4) ? 0.0 : result.real(row, 4),
          .best_time = result.is_null(row, 5) ? std::nullopt
                                              : std::optional(std::chrono::milliseconds(result.int64(row, 5)))};
}

core::FinishedGame read_game(const pg::Result& result, int row) {
  const bool solo = result.text(row, 2) == "solo";
  return {.game = {.mode = solo ? core::GameMode::solo : core::GameMode::round,
                   .nickname = std::string(result.text(row, 3)),  // "" when NULL
                   .round = result.is_null(row, 4) ? 0 : result.int64(row, 4),
                   .min = result.int64(row, 5),
                   .max = result.int64(row, 6),
                   .secret = result.int64(row, 7),
                   .found = result.boolean(row, 8),
                   .tries = static_cast<int>(result.int64(row, 9)),
                   .duration = std::chrono::milliseconds(result.int64(row, 10)),
                   .rank = static_cast<int>(result.int64(row, 11))},
          .finished_at = std::string(result.text(row, 1))};
}

template <typename Row>
std::vector<Row> read_all(const pg::Result& result, Row (*read)(const pg::Result&, int)) {
  std::vector<Row> rows;
  for (int row = 0; row < result.rows(); ++row) rows.push_back(read(result, row));
  return rows;
}

// LIMIT $1: `count` rows, as many as a bigint can count.
pg::Params limit(std::size_t count) {
  constexpr auto no_limit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  return {std::to_string(std::min(count, no_limit))};
}

}  // namespace

PgStore::PgStore(const std::string& conninfo, sqlite::OpenMode mode)
    : client_(std::make_unique<pg::Client>(conninfo)) {
  if (mode == sqlite::OpenMode::existing && pg::schema_version(*client_) == 0)
    throw pg::Error("the database has no liaison scores yet");
  pg::migrate(*client_);
}

PgStore::~PgStore() = default;

void PgStore::record(const std::vector<core::GameRecord>& games) {
  if (!games.empty()) query(insert_games_sql, batch_params(games));
}

std::vector<core::LeaderboardRow> PgStore::leaderboard(std::size_t count) {
  return read_all<core::LeaderboardRow>(query(leaderboard_sql, limit(count)), read_row);
}

std::vector<core::FinishedGame> PgStore::history(std::size_t count) {
  return read_all<core::FinishedGame>(query(history_sql, limit(count)), read_game);
}

pg::Result PgStore::query(std::string_view sql, const pg::Params& params) {
  const std::lock_guard lock(mutex_);
  client_->reconnect_if_lost();
  return client_->query(sql, params);
}

}  // namespace liaison::store
