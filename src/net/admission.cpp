#include "net/admission.hpp"

#include "net/address_filter.hpp"

namespace liaison::net {

Admitted Admission::try_admit(const asio::ip::address& address) {
  const std::scoped_lock lock(mutex_);
  if (clients_ >= limits_.max_clients) return Admitted::server_full;
  std::size_t& from_address = per_address_[unmapped(address)];
  if (from_address >= limits_.max_per_address) return Admitted::too_many_from_address;
  ++from_address;
  ++clients_;
  return Admitted::yes;
}

void Admission::release(const asio::ip::address& address) {
  const std::scoped_lock lock(mutex_);
  const auto seat = per_address_.find(unmapped(address));
  if (seat == per_address_.end()) return;
  --clients_;
  if (--seat->second == 0) per_address_.erase(seat);
}

Admitted admit(const AddressFilter* filter, Admission& admission, const asio::ip::address& address) {
  if (filter && !filter->admits(address)) return Admitted::denied;
  return admission.try_admit(address);
}

std::size_t Admission::clients() const {
  const std::scoped_lock lock(mutex_);
  return clients_;
}

}  // namespace liaison::net
