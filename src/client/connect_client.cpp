#include "client/connect_client.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <variant>

#include "terminal/console.hpp"

namespace liaison::client {
namespace {

using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

// A host that drops our packets would otherwise keep us for minutes.
constexpr auto connect_limit = 10s;

bool connection_failed(const ClientOptions& options, const std::string& reason) {
  fmt::print("{}\n", options.texts->connection_failed);
  std::fflush(stdout);
  fmt::print(stderr, "{}:{}: {}\n", options.host, options.port, reason);
  return false;
}

}  // namespace

asio::awaitable<bool> connect_client(tcp::socket& socket, const ClientOptions& options) {
  tcp::resolver resolver(socket.get_executor());
  const std::string service = std::to_string(options.port);
  auto [resolve_error, endpoints] = co_await resolver.async_resolve(options.host, service, nothrow);
  terminal::unwind_if_aborted(resolve_error);
  if (resolve_error) co_return connection_failed(options, resolve_error.message());
  asio::steady_timer deadline(socket.get_executor(), connect_limit);
  auto outcome = co_await (asio::async_connect(socket, endpoints, nothrow) || deadline.async_wait(nothrow));
  std::visit([](const auto& result) { terminal::unwind_if_aborted(std::get<0>(result)); }, outcome);
  if (outcome.index() == 1)
    co_return connection_failed(options, asio::error::make_error_code(asio::error::timed_out).message());
  const error_code connect_error = std::get<0>(std::get<0>(outcome));
  if (connect_error) co_return connection_failed(options, connect_error.message());
  co_return true;
}

}  // namespace liaison::client
