// /play: one WebSocket client playing the served game. Each text frame of at
// most 1024 bytes is one message, through the very same core::Session as a
// TCP client's; each reply is one frame; news from a room is pushed as
// frames as it comes. FIN ends with the close code 1000. Like a TCP
// connection: one writer, and what a client too slow to read leaves queued
// is bounded (news beyond it are dropped and counted; replies beyond it end
// the connection).
#pragma once

#include <boost/beast/websocket.hpp>

#include "core/score_store.hpp"
#include "core/session.hpp"
#include "core/texts.hpp"
#include "net/asio.hpp"
#include "net/connection_trace.hpp"
#include "net/server_stats.hpp"
#include "web/http.hpp"

namespace liaison::web {

namespace websocket = beast::websocket;

using WebSocket = websocket::stream<beast::tcp_stream>;

struct PlayContext {
  const core::SessionFactory* make_session = nullptr;
  const core::Texts* texts = nullptr;
  core::DeferredCommits* commits = nullptr;
  asio::any_io_executor reads{};  // where /scores reads the store (none: on the loop)
  net::ServerStats* stats = nullptr;
  std::optional<core::Lang> trace;  // --trace: each frame's text on stderr
};

// Accepts the upgrade `request` on `ws`, then plays until either side ends.
// `ws` stays the caller's, so that it can close it (server shutdown).
asio::awaitable<void> play(WebSocket& ws, http::request<http::string_body> request, PlayContext context);

}  // namespace liaison::web
