// Accepts clients on one address and gives each its own connection coroutine,
// after the address filter and the admission limits have had their say.
#pragma once

#include <functional>

#include "core/session.hpp"
#include "net/address_filter.hpp"
#include "net/admission.hpp"
#include "net/asio.hpp"
#include "server/tcp_connection.hpp"

namespace liaison::server {

// What every listener of a server shares.
struct ListenerContext {
  core::SessionFactory make_session;
  ConnectionSettings settings;
  const net::AddressFilter* filter = nullptr;
  net::Admission* admission = nullptr;
  // Called (on the connection's thread) each time a client's seat is given back.
  std::function<void()> released;
};

class Listener {
 public:
  Listener(tcp::acceptor acceptor, const ListenerContext& context);

  tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

  // Starts accepting on the acceptor's executor.
  void start();
  // Stops accepting and asks every connection to say goodbye. Call it on the
  // acceptor's executor.
  void stop();

 private:
  void welcome(tcp::socket socket);
  void count_refusal();
  asio::awaitable<void> serve(tcp::socket socket, asio::ip::address address);

  tcp::acceptor acceptor_;
  const ListenerContext& context_;
  ConnectionSet connections_;
};

}  // namespace liaison::server
