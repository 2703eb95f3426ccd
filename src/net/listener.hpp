// Accepts clients on one address and gives each its own session coroutine.
#pragma once

#include "core/session.hpp"
#include "net/asio.hpp"
#include "net/connection.hpp"

namespace liaison::net {

// Opens, binds and listens; "::" accepts IPv4 too (dual stack).
// Throws boost::system::system_error naming what failed.
tcp::acceptor open_acceptor(const asio::any_io_executor& executor, const tcp::endpoint& endpoint);

class Listener {
 public:
  Listener(tcp::acceptor acceptor, core::SessionFactory make_session, ConnectionSettings settings);

  tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

  // Starts accepting on the acceptor's executor.
  void start();
  // Stops accepting; connections already open go on.
  void stop();

 private:
  asio::awaitable<void> accept_loop();

  tcp::acceptor acceptor_;
  core::SessionFactory make_session_;
  ConnectionSettings settings_;
};

}  // namespace liaison::net
