#include "server/tcp_listener.hpp"

#include <fmt/format.h>

#include <utility>

#include "core/words.hpp"
#include "net/accept_loop.hpp"
#include "net/endpoint.hpp"
#include "net/log.hpp"
#include "server/goodbye.hpp"

namespace liaison::server {

Listener::Listener(tcp::acceptor acceptor, const ListenerContext& context)
    : acceptor_(std::move(acceptor)), context_(context), connections_(acceptor_.get_executor()) {}

void Listener::start() {
  auto accepting = net::accept_each(acceptor_, [this](tcp::socket socket) { welcome(std::move(socket)); });
  asio::co_spawn(acceptor_.get_executor(), std::move(accepting), [](std::exception_ptr failure) {
    if (failure) std::rethrow_exception(failure);
  });
}

void Listener::stop() {
  error_code ignored;
  acceptor_.close(ignored);
  connections_.stop_all();
}

void Listener::welcome(tcp::socket socket) {
  error_code error;
  const auto peer = socket.remote_endpoint(error);
  if (error) return;  // already gone
  const core::Texts& texts = *context_.settings.texts;
  const net::AdmissionLimits& limits = context_.admission->limits();
  std::string refusal;
  switch (net::admit(context_.filter, *context_.admission, peer.address())) {
    case net::Admitted::yes:
      asio::co_spawn(acceptor_.get_executor(), serve(std::move(socket), peer.address()), asio::detached);
      return;
    case net::Admitted::denied:
      net::log_connection("denied", net::to_string(peer));
      count_refusal();
      // Closed at once, but with a bare FIN first: the lesson's client stops
      // only on FIN, and would otherwise loop on empty reads.
      socket.send(asio::buffer(core::fin), tcp::socket::message_flags{}, error);
      return;
    case net::Admitted::server_full:
      refusal = texts.server_full.format(limits.max_clients);
      break;
    case net::Admitted::too_many_from_address:
      refusal = texts.too_many_from_address.format(limits.max_per_address);
      break;
  }
  net::log_connection("refused", "{}: {}", net::to_string(peer), refusal);
  count_refusal();
  asio::co_spawn(acceptor_.get_executor(), turn_away(std::move(socket), std::move(refusal)), asio::detached);
}

void Listener::count_refusal() {
  if (context_.settings.stats) context_.settings.stats->refused();
}

asio::awaitable<void> Listener::serve(tcp::socket socket, asio::ip::address address) {
  Connection connection(std::move(socket), context_.make_session(), context_.settings);
  co_await connection.run(connections_);
  context_.admission->release(address);
  if (context_.released) context_.released();
}

}  // namespace liaison::server
