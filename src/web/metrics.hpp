// /metrics: the Prometheus text exposition format (version 0.0.4). The
// server's own series are `liaison_*`; the process's are the conventional
// `process_*` ones, read from /proc/self. No per-player label: the series
// stay few whatever the number of players.
#pragma once

#include <string>
#include <string_view>

#include "net/server_stats.hpp"

namespace liaison::web {

inline constexpr std::string_view metrics_content_type = "text/plain; version=0.0.4; charset=utf-8";

std::string prometheus_text(const net::ServerStats& stats, std::string_view service);

}  // namespace liaison::web
