#include "net/accept_loop.hpp"

#include <chrono>
#include <utility>

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

tcp::acceptor open_acceptor(const asio::any_io_executor& executor, const tcp::endpoint& endpoint, bool reuse_port) {
  tcp::acceptor acceptor(executor);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(tcp::acceptor::reuse_address(true));
  if (reuse_port) acceptor.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true));
  if (endpoint.address().is_v6() && endpoint.address().is_unspecified())
    acceptor.set_option(asio::ip::v6_only(false));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  return acceptor;
}

asio::awaitable<void> accept_each(tcp::acceptor& acceptor, std::function<void(tcp::socket)> welcome,
                                  std::string who) {
  asio::steady_timer pause(acceptor.get_executor());
  bool starved = false;  // out of descriptors: logged once, not every retry
  while (acceptor.is_open()) {
    auto [error, socket] = co_await acceptor.async_accept(nothrow);
    if (error == asio::error::operation_aborted) co_return;
    if (!error) {
      if (std::exchange(starved, false)) log("{}accepting again", who);
      error_code ignored;  // a socket that refuses keeps the kernel's defaults
      socket.set_option(asio::socket_base::send_buffer_size(accepted_send_buffer), ignored);
      socket.set_option(tcp::no_delay(true), ignored);
      welcome(std::move(socket));
      continue;
    }
    if (!is_resource_shortage(error)) {
      log("{}accept failed: {}", who, error.message());
      continue;
    }
    // Keep serving the players we have; retry when descriptors free up.
    if (!std::exchange(starved, true)) log("{}accept failed: {}; retrying every 100 ms", who, error.message());
    pause.expires_after(100ms);
    co_await pause.async_wait(nothrow);
  }
}

}  // namespace liaison::net
