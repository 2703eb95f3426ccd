// The leaderboard as text: an aligned table, one player a line, best first,
// for `liaison scores` and for the juste prix server's clients. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/score_store.hpp"
#include "core/session.hpp"
#include "core/texts.hpp"

namespace liaison::core {

// A header line, then one line per row: rank, nickname, rounds won, games
// found, average tries over the games found and fastest find in seconds (one
// decimal, "-" when nothing was found). Lines are joined by "\n", with no
// final "\n"; columns are aligned by code points. No rows: one line saying
// there are no scores yet.
std::string format_leaderboard(const std::vector<LeaderboardRow>& rows, Lang lang);

// The same table in at most `max_bytes` bytes, for a client that reads one
// recv(1024): rows are dropped from the bottom, never cut, so every line sent
// is whole (and so is every UTF-8 character). Empty when not even the header
// and the first row (or the "no scores" line) fit.
std::string format_leaderboard_compact(const std::vector<LeaderboardRow>& rows, Lang lang,
                                       std::size_t max_bytes = 1024);

// The answer to /scores as a slow line (Session::take_slow_line): the top 10
// read from `store` when it runs, compact; what went wrong if the read failed.
SlowLine scores_line(ScoreStore& store, Lang lang, std::size_t max_bytes);

}  // namespace liaison::core
