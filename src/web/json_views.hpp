// The JSON documents liaison gives out (Boost.JSON): the leaderboard (also
// `liaison scores --json`), the server's counters, and errors.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/score_store.hpp"
#include "net/server_stats.hpp"

namespace liaison::web {

// One player of the leaderboard: {"rank":1,"nickname":...,"rounds_won":n,
// "games_found":n,"games":n,"average_tries":null|x,"best_time_ms":null|n}.
boost::json::object leaderboard_player(const core::LeaderboardRow& row, std::int64_t rank);

// {"players":[leaderboard_player, ...]}
std::string leaderboard_json(const std::vector<core::LeaderboardRow>& rows);

// {"service":...,"connections_open":n,...,"uptime_seconds":x}
std::string stats_json(const net::ServerStats& stats, std::string_view service);

// {"error":"...","status":n}
std::string error_json(int status, std::string_view message);

}  // namespace liaison::web
