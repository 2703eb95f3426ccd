#include "store/pg_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "store/pg_client.hpp"
#include "store/pg_migrations.hpp"
#include "store/pg_watch.hpp"

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

// The server refused the games themselves (a CHECK, a value out of range):
// writing them again would not help. Anything else is the server's absence.
bool refused(const pg::Error& error) {
  return error.sqlstate().starts_with("22") || error.sqlstate().starts_with("23");
}

}  // namespace

PgStore::PgStore(const std::string& conninfo, sqlite::OpenMode mode, PgSettings settings)
    : conninfo_(conninfo),
      settings_(settings),
      client_(std::make_unique<pg::Client>(conninfo)),
      pending_(settings.queue_capacity),
      backoff_(settings.backoff) {
  if (mode == sqlite::OpenMode::existing && pg::schema_version(*client_) == 0)
    throw pg::Error("the database has no liaison scores yet");
  pg::migrate(*client_);
}

PgStore::~PgStore() {
  watch_.reset();
  const std::lock_guard lock(mutex_);
  if (!pending_.empty()) write_pending();
  if (!pending_.empty())
    std::fprintf(stderr, "scores: %zu game(s) not recorded: PostgreSQL could not be reached\n", pending_.games());
}

// The batch joins the queue, then waits for its turn: written at once when
// the server answers, or after the attempts that fit in its wait.
void PgStore::record(const std::vector<core::GameRecord>& games) {
  if (games.empty()) return;
  std::unique_lock lock(mutex_);
  if (!pending_.fits(games.size()))
    throw core::StoreUnavailable(fmt::format(
        "PostgreSQL unreachable, and {} games already wait for it: these are not kept", pending_.games()));
  const std::uint64_t mine = pending_.push(games);
  const Clock::time_point deadline = Clock::now() + settings_.record_wait;
  for (;;) {
    if (!pending_.waits(mine)) return;  // the watch wrote it meanwhile
    const Clock::time_point now = Clock::now();
    // The last attempt is at the deadline, whatever the backoff says.
    if ((now >= next_attempt_ || now >= deadline) && write_pending(mine)) return;
    if (Clock::now() >= deadline)
      throw core::StoreUnavailable(
          fmt::format("PostgreSQL unreachable: {} game(s) wait to be written when it answers again", pending_.games()),
          /*kept=*/true);
    retry_.wait_until(lock, std::min(next_attempt_, deadline));
  }
}

std::vector<core::LeaderboardRow> PgStore::leaderboard(std::size_t count) {
  return read_all<core::LeaderboardRow>(query(leaderboard_sql, limit(count)), read_row);
}

std::vector<core::FinishedGame> PgStore::history(std::size_t count) {
  return read_all<core::FinishedGame>(query(history_sql, limit(count)), read_game);
}

void PgStore::watch(std::function<void()> changed) {
  watch_.reset();
  if (!changed) return;
  watch_ = std::make_unique<pg::Watch>(
      conninfo_, settings_.backoff,
      pg::Watch::Callbacks{.notified = changed, .reconnected = [this, changed] {
                             flush_pending();
                             changed();
                           }});
}

std::size_t PgStore::games_waiting() {
  const std::lock_guard lock(mutex_);
  return pending_.games();
}

bool PgStore::write_pending(std::uint64_t mine) {
  try {
    client_->reconnect_if_lost();
    insert(pending_.all());
    pending_.clear();
  } catch (const pg::Error& error) {
    if (!refused(error)) {
      unreachable(error);
      return false;
    }
    write_one_by_one(mine);
    if (!pending_.empty()) return false;
  }
  reachable();
  return true;
}

// Each batch in a statement of its own, so that the one the server refuses
// does not take the others with it.
void PgStore::write_one_by_one(std::uint64_t mine) {
  std::optional<pg::Error> mine_refused;
  while (!pending_.empty()) {
    try {
      insert(pending_.front().games);
    } catch (const pg::Error& error) {
      if (!refused(error)) {
        unreachable(error);
        break;
      }
      if (pending_.front().number == mine)
        mine_refused = error;
      else
        std::fprintf(stderr, "scores: %zu game(s) not recorded: %s\n", pending_.front().games.size(), error.what());
    }
    pending_.pop_front();
  }
  if (mine_refused) throw *mine_refused;
}

void PgStore::insert(const std::vector<core::GameRecord>& games) {
  if (!games.empty()) client_->query(insert_games_sql, batch_params(games));
}

void PgStore::unreachable(const std::exception& error) {
  if (!std::exchange(outage_, true))
    std::fprintf(stderr, "scores: PostgreSQL unreachable (%s): up to %zu games wait for it\n", error.what(),
                 settings_.queue_capacity);
  next_attempt_ = Clock::now() + backoff_.next();
}

void PgStore::reachable() {
  if (std::exchange(outage_, false)) std::fprintf(stderr, "scores: PostgreSQL answers again\n");
  backoff_.reset();
  next_attempt_ = {};
  retry_.notify_all();
}

// On the watch's thread, once it reaches the server again.
void PgStore::flush_pending() {
  const std::lock_guard lock(mutex_);
  if (!pending_.empty()) write_pending();
}

// A read: when the connection turns out to be gone (the server restarted
// since the last query), once more on a new one.
pg::Result PgStore::query(std::string_view sql, const pg::Params& params) {
  const std::lock_guard lock(mutex_);
  for (int attempt = 1;; ++attempt) {
    try {
      client_->reconnect_if_lost();
      return client_->query(sql, params);
    } catch (const pg::Error& error) {
      if (attempt == 2 || !error.sqlstate().empty() || client_->connected()) throw;
    }
  }
}

}  // namespace liaison::store
