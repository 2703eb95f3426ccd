// Addresses as users type them, and how a socket's peer is shown in logs.
#pragma once

#include <cstdint>
#include <string>

#include "net/asio.hpp"

namespace liaison::net {

// "127.0.0.1", "::1", "::", "localhost": resolved to one endpoint to bind.
tcp::endpoint resolve_bind_endpoint(const std::string& host, std::uint16_t port);

// "1.2.3.4:5" or "[::1]:5".
std::string to_string(const tcp::endpoint& endpoint);

}  // namespace liaison::net
