#include "net/outbox_policy.hpp"

#include <utility>

namespace liaison::net {

Offer OutboxPolicy::offer(std::size_t size) {
  if (on_overflow_ == OnOverflow::drop_news) {
    if (bytes_ <= bound_) return Offer::queue;
    ++dropped_;
    return Offer::drop;
  }
  if (overflowed_) return Offer::drop;
  if (bytes_ + size <= bound_) return Offer::queue;
  overflowed_ = true;
  return Offer::overflow;
}

std::size_t OutboxPolicy::notice_due() {
  if (bytes_ != 0) return 0;
  return std::exchange(dropped_, 0);
}

}  // namespace liaison::net
