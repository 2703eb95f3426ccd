#include "web/json_views.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <cstdint>

namespace liaison::web {

// Nothing found: no average and no time, null rather than a made-up 0.
boost::json::object leaderboard_player(const core::LeaderboardRow& row, std::int64_t rank) {
  boost::json::object player;
  player["rank"] = rank;
  player["nickname"] = row.nickname;
  player["rounds_won"] = row.rounds_won;
  player["games_found"] = row.games_found;
  player["games"] = row.games;
  player["average_tries"] = row.games_found > 0 ? boost::json::value(row.average_tries) : boost::json::value(nullptr);
  player["best_time_ms"] = row.best_time ? boost::json::value(row.best_time->count()) : boost::json::value(nullptr);
  return player;
}

std::string leaderboard_json(const std::vector<core::LeaderboardRow>& rows) {
  boost::json::array players;
  std::int64_t rank = 0;
  for (const core::LeaderboardRow& row : rows) players.push_back(leaderboard_player(row, ++rank));
  return boost::json::serialize(boost::json::object{{"players", std::move(players)}});
}

std::string stats_json(const net::ServerStats& stats, std::string_view service) {
  const auto latency = stats.reply_latency.snapshot();
  const double uptime = std::chrono::duration<double>(std::chrono::system_clock::now() - stats.started).count();
  boost::json::object document{
      {"service", service},
      {"connections_open", stats.connections_open.load(std::memory_order_relaxed)},
      {"connections_total", stats.connections_total.load(std::memory_order_relaxed)},
      {"connections_refused_total", stats.connections_refused_total.load(std::memory_order_relaxed)},
      {"messages_total", stats.messages_total.load(std::memory_order_relaxed)},
      {"pushes_dropped_total", stats.pushes_dropped_total.load(std::memory_order_relaxed)},
      {"event_streams_open", stats.event_streams_open.load(std::memory_order_relaxed)},
      {"event_streams_dropped_total", stats.event_streams_dropped_total.load(std::memory_order_relaxed)},
      {"reply_seconds_mean", latency.count ? latency.sum_seconds / static_cast<double>(latency.count) : 0.0},
      {"uptime_seconds", uptime},
  };
  return boost::json::serialize(document);
}

std::string error_json(int status, std::string_view message) {
  return boost::json::serialize(boost::json::object{{"error", message}, {"status", status}});
}

}  // namespace liaison::web
