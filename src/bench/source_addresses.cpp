#include "bench/source_addresses.hpp"

#include <netinet/in.h>
#include <sys/socket.h>

#include <stdexcept>

namespace liaison::bench {
namespace {

asio::ip::address parse_one(std::string_view text) {
  error_code error;
  const auto address = asio::ip::make_address(std::string(text), error);
  if (error) throw std::invalid_argument("not an IP address: " + std::string(text));
  return address;
}

void add_range(std::string_view item, std::size_t dash, std::vector<asio::ip::address>& out) {
  const auto first = parse_one(item.substr(0, dash));
  const auto last = parse_one(item.substr(dash + 1));
  if (!first.is_v4() || !last.is_v4() || (first.to_v4().to_uint() >> 8) != (last.to_v4().to_uint() >> 8) ||
      first.to_v4().to_uint() > last.to_v4().to_uint())
    throw std::invalid_argument("not an IPv4 range within one last byte: " + std::string(item));
  for (auto value = first.to_v4().to_uint(); value <= last.to_v4().to_uint(); ++value)
    out.emplace_back(asio::ip::address_v4(value));
}

}  // namespace

std::vector<asio::ip::address> parse_source_addresses(const std::vector<std::string>& items) {
  std::vector<asio::ip::address> addresses;
  for (const std::string& item : items) {
    const auto dash = item.find('-');
    if (dash == std::string::npos) addresses.push_back(parse_one(item));
    else add_range(item, dash, addresses);
  }
  return addresses;
}

std::string source_address_error(const std::string& item) {
  try {
    parse_source_addresses({item});
    return {};
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
}

void bind_source(tcp::socket& socket, const asio::ip::address& source, error_code& error) {
  socket.open(source.is_v4() ? tcp::v4() : tcp::v6(), error);
  if (error) return;
  const int one = 1;
  ::setsockopt(socket.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
  socket.bind(tcp::endpoint(source, 0), error);
}

}  // namespace liaison::bench
