// Who may take a seat: --max-clients in all, --max-per-ip per address.
// Shared by the listeners of every thread (touched at connect and close only).
#pragma once

#include <cstddef>
#include <map>
#include <mutex>

#include "net/asio.hpp"

namespace liaison::net {

struct AdmissionLimits {
  std::size_t max_clients = 1024;
  std::size_t max_per_address = 64;
};

enum class Admitted { yes, denied, server_full, too_many_from_address };

class AddressFilter;

class Admission {
 public:
  explicit Admission(AdmissionLimits limits) : limits_(limits) {}

  // On `yes` the seat is taken until release() with the same address.
  Admitted try_admit(const asio::ip::address& address);
  void release(const asio::ip::address& address);

  const AdmissionLimits& limits() const { return limits_; }
  std::size_t clients() const;

 private:
  AdmissionLimits limits_;
  mutable std::mutex mutex_;
  std::size_t clients_ = 0;
  std::map<asio::ip::address, std::size_t> per_address_;
};

// Who may come in, for every server (TCP and web): the address filter first
// (`denied`: no seat taken), then a seat. On `yes`, release() it at the end.
Admitted admit(const AddressFilter* filter, Admission& admission, const asio::ip::address& address);

}  // namespace liaison::net
