// One client connection driving one core::Session over TCP.
#pragma once

#include <memory>

#include "core/session.hpp"
#include "core/texts.hpp"
#include "net/asio.hpp"

namespace liaison::net {

struct ConnectionSettings {
  const core::Texts* texts = &core::texts(core::Lang::fr);
  bool verbose = false;  // log every message
};

// Greets, then answers each message until the session or the client ends the
// conversation. Never throws; logs how the connection ended.
asio::awaitable<void> serve_connection(tcp::socket socket, std::unique_ptr<core::Session> session,
                                       ConnectionSettings settings);

}  // namespace liaison::net
