// How the server takes leave of a TCP client: its last words, then FIN, then
// a close that loses none of them.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/framing.hpp"
#include "net/asio.hpp"

namespace liaison::server {

// How long the goodbye (notice, FIN, and waiting for the client to close) may take.
inline constexpr std::chrono::milliseconds goodbye_limit{1500};

// Says `last_words`, shuts our side down, then reads until the client closes
// too (all within `limit`), so that unread bytes never turn our close into a
// reset that could destroy the last reply before the client reads it.
// (GCC 12 mishandles temporaries passed to a coroutine inside a co_await
// expression: callers pass named strings, and this takes a view of them.)
asio::awaitable<void> close_gracefully(tcp::socket& socket, std::string_view last_words,
                                       std::chrono::steady_clock::duration limit = goodbye_limit);

// A notice the server sends on its own initiative, then FIN (see encode_notice).
std::string notice_then_fin(std::string_view notice, core::Framing framing);

// Sends a notice and FIN to a client that cannot be served, then closes.
asio::awaitable<void> turn_away(tcp::socket socket, std::string notice);

}  // namespace liaison::server
