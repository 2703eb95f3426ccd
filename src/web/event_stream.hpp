// GET /events: the page's live feed (Server-Sent Events), on the connection
// that asked for it.
#pragma once

#include "net/asio.hpp"
#include "net/server_stats.hpp"
#include "web/http.hpp"

namespace liaison::web {

class LiveState;

// The headers, then events as they come, until the page goes (a write
// fails: the rate event comes every second) or reads too slowly (dropped;
// the browser reconnects and gets a new snapshot). `stats` may be null.
asio::awaitable<void> stream_events(beast::tcp_stream& stream, const Request& request, LiveState& live,
                                    net::ServerStats* stats);

}  // namespace liaison::web
