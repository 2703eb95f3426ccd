// --allow / --deny: which client addresses may connect, as ncat does.
// With any --allow, only allowed addresses get in; --deny always wins.
#pragma once

#include <string>
#include <vector>

#include "net/asio.hpp"

namespace liaison::net {

class AddressFilter {
 public:
  // "10.0.0.0/8", "192.168.1.7", "::1", "fd00::/8". Throws std::invalid_argument.
  void allow(const std::string& cidr);
  void deny(const std::string& cidr);

  bool admits(const asio::ip::address& address) const;

 private:
  struct Network {
    asio::ip::address base;
    unsigned prefix = 0;
    bool contains(const asio::ip::address& address) const;
  };
  static Network parse(const std::string& cidr);

  std::vector<Network> allowed_;
  std::vector<Network> denied_;
};

// An IPv4 client seen through a dual-stack socket (::ffff:a.b.c.d) as plain IPv4.
asio::ip::address unmapped(const asio::ip::address& address);

}  // namespace liaison::net
