#include "net/endpoint.hpp"

#include <fmt/format.h>

namespace liaison::net {

tcp::endpoint resolve_bind_endpoint(const std::string& host, std::uint16_t port) {
  error_code error;
  const auto address = asio::ip::make_address(host, error);
  if (!error) return {address, port};
  asio::io_context context;
  tcp::resolver resolver(context);
  const auto results = resolver.resolve(host, std::to_string(port), tcp::resolver::passive);
  return results.begin()->endpoint();
}

std::string to_string(const tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  if (address.is_v6()) return fmt::format("[{}]:{}", address.to_string(), endpoint.port());
  return fmt::format("{}:{}", address.to_string(), endpoint.port());
}

}  // namespace liaison::net
