// The JSON documents liaison gives out (Boost.JSON): the leaderboard (also
// `liaison scores --json`), the server's counters, and errors.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/score_store.hpp"
#include "net/server_stats.hpp"

namespace liaison::web {

// {"players":[{"rank":1,"nickname":...,"average_tries":null|x,"best_time_ms":null|n},...]}
std::string leaderboard_json(const std::vector<core::LeaderboardRow>& rows);

// {"service":...,"connections_open":n,...,"uptime_seconds":x}
std::string stats_json(const net::ServerStats& stats, std::string_view service);

// {"error":"...","status":n}
std::string error_json(int status, std::string_view message);

}  // namespace liaison::web
