#include "net/listener.hpp"

#include <chrono>

#include "net/log.hpp"

namespace liaison::net {
namespace {

using namespace std::chrono_literals;

// Errors after which accepting again at once would spin: wait a little.
bool is_resource_shortage(const error_code& error) {
  return error == asio::error::no_descriptors || error == asio::error::no_buffer_space ||
         error == asio::error::no_memory || error.value() == ENFILE;
}

}  // namespace

tcp::acceptor open_acceptor(const asio::any_io_executor& executor, const tcp::endpoint& endpoint) {
  tcp::acceptor acceptor(executor);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(tcp::acceptor::reuse_address(true));
  if (endpoint.address().is_v6() && endpoint.address().is_unspecified())
    acceptor.set_option(asio::ip::v6_only(false));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  return acceptor;
}

Listener::Listener(tcp::acceptor acceptor, core::SessionFactory make_session, ConnectionSettings settings)
    : acceptor_(std::move(acceptor)), make_session_(std::move(make_session)), settings_(settings) {}

void Listener::start() {
  asio::co_spawn(acceptor_.get_executor(), accept_loop(), [](std::exception_ptr failure) {
    if (failure) std::rethrow_exception(failure);
  });
}

void Listener::stop() {
  error_code ignored;
  acceptor_.close(ignored);
}

asio::awaitable<void> Listener::accept_loop() {
  asio::steady_timer pause(acceptor_.get_executor());
  while (acceptor_.is_open()) {
    auto [error, socket] = co_await acceptor_.async_accept(nothrow);
    if (error == asio::error::operation_aborted) co_return;
    if (error) {
      log("accept failed: {}", error.message());
      if (is_resource_shortage(error)) {
        pause.expires_after(100ms);
        co_await pause.async_wait(nothrow);
      }
      continue;
    }
    asio::co_spawn(acceptor_.get_executor(), serve_connection(std::move(socket), make_session_(), settings_),
                   asio::detached);
  }
}

}  // namespace liaison::net
