// How the clients of `liaison connect` reach their server.
#pragma once

#include "net/asio.hpp"
#include "client/lesson_client.hpp"

namespace liaison::client {

// Resolves options.host and connects `socket` within a time limit. On
// failure: the lesson's sentence on stdout, the address and why on stderr,
// and false. Unwinds when cancelled (Ctrl-C).
asio::awaitable<bool> connect_client(tcp::socket& socket, const ClientOptions& options);

}  // namespace liaison::client
