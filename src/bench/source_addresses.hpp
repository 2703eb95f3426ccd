// `liaison bench --source-addresses`: the local addresses the players connect
// from, each connection from the next one in turn, so that tens of thousands
// of connections to one server do not run out of ephemeral ports (about
// 28,000 per source address on Linux).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bench/options.hpp"
#include "net/asio.hpp"

namespace liaison::bench {

// Each item an address ("127.0.0.2") or an IPv4 range within its last byte
// ("127.0.0.2-127.0.0.9"). Throws std::invalid_argument, saying which item.
std::vector<asio::ip::address> parse_source_addresses(const std::vector<std::string>& items);

// Binds a socket opened for `source`'s protocol to that address, its port
// chosen by connect() (IP_BIND_ADDRESS_NO_PORT: a port is then shared by
// connections to different servers).
void bind_source(tcp::socket& socket, const asio::ip::address& source, error_code& error);

}  // namespace liaison::bench
