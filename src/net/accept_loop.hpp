// Listening, and the loop every server's acceptor runs: each new socket goes to `welcome`.
// Running out of descriptors (EMFILE, ENFILE, ENOBUFS, ENOMEM) must not spin:
// the players already here keep playing, the shortage is logged once, and
// accepting is retried every 100 ms until it works again.
//
// Each accepted socket's kernel send buffer is fixed (accepted_send_buffer):
// Linux would otherwise let it grow to 4 MiB on loopback for a client that
// does not read, before any bound of ours (the queues of 64 or 256 KiB that
// drop news for a slow reader) is even reached. Replies and news are small,
// and leave at once (TCP_NODELAY: no waiting for the previous one's ACK).
#pragma once

#include <functional>
#include <string>

#include "net/asio.hpp"

namespace liaison::net {

// Opens, binds and listens; "::" accepts IPv4 too (dual stack). With
// `reuse_port`, several listeners (one per thread) may share the address.
// Throws boost::system::system_error naming what failed.
tcp::acceptor open_acceptor(const asio::any_io_executor& executor, const tcp::endpoint& endpoint,
                            bool reuse_port = false);

inline constexpr int accepted_send_buffer = 128 * 1024;  // the kernel doubles it for its bookkeeping

// Runs until the acceptor is closed. `who` prefixes the log lines ("" or "web: ").
asio::awaitable<void> accept_each(tcp::acceptor& acceptor, std::function<void(tcp::socket)> welcome,
                                  std::string who = {});

}  // namespace liaison::net
