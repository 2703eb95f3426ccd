#include "net/address_filter.hpp"

#include <algorithm>
#include <stdexcept>

namespace liaison::net {
namespace {

// True when the first `prefix` bits of two byte arrays are equal.
template <typename Bytes>
bool same_prefix(const Bytes& a, const Bytes& b, unsigned prefix) {
  for (std::size_t i = 0; i < a.size() && prefix > 0; ++i) {
    const unsigned bits = std::min(prefix, 8U);
    const auto mask = static_cast<unsigned char>(0xFFU << (8 - bits));
    if ((a[i] & mask) != (b[i] & mask)) return false;
    prefix -= bits;
  }
  return true;
}

}  // namespace

asio::ip::address unmapped(const asio::ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  return address;
}

AddressFilter::Network AddressFilter::parse(const std::string& cidr) {
  const auto slash = cidr.find('/');
  error_code error;
  const auto base = unmapped(asio::ip::make_address(cidr.substr(0, slash), error));
  if (error) throw std::invalid_argument("not an IP address: " + cidr);
  const unsigned width = base.is_v4() ? 32 : 128;
  unsigned prefix = width;
  if (slash != std::string::npos) {
    const std::string bits = cidr.substr(slash + 1);
    if (bits.empty() || bits.size() > 3 || !std::all_of(bits.begin(), bits.end(), ::isdigit))
      throw std::invalid_argument("bad prefix length: " + cidr);
    prefix = static_cast<unsigned>(std::stoul(bits));
    if (prefix > width) throw std::invalid_argument("prefix longer than the address: " + cidr);
  }
  return {base, prefix};
}

bool AddressFilter::Network::contains(const asio::ip::address& address) const {
  if (address.is_v4() != base.is_v4()) return false;
  if (address.is_v4()) return same_prefix(address.to_v4().to_bytes(), base.to_v4().to_bytes(), prefix);
  return same_prefix(address.to_v6().to_bytes(), base.to_v6().to_bytes(), prefix);
}

void AddressFilter::allow(const std::string& cidr) { allowed_.push_back(parse(cidr)); }
void AddressFilter::deny(const std::string& cidr) { denied_.push_back(parse(cidr)); }

bool AddressFilter::admits(const asio::ip::address& address) const {
  const auto plain = unmapped(address);
  auto contains = [&](const Network& network) { return network.contains(plain); };
  if (std::any_of(denied_.begin(), denied_.end(), contains)) return false;
  return allowed_.empty() || std::any_of(allowed_.begin(), allowed_.end(), contains);
}

}  // namespace liaison::net
