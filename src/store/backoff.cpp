#include "store/backoff.hpp"

#include <algorithm>

namespace liaison::store {

Backoff::Backoff(Settings settings, std::uint64_t seed)
    : settings_(settings), random_(static_cast<std::minstd_rand::result_type>(seed)) {}

std::chrono::milliseconds Backoff::next() {
  const int doublings = std::min(failures_, 30);  // 2^30 times `first` is past any cap
  failures_ = std::min(failures_ + 1, 31);
  const auto whole = std::min(settings_.cap, settings_.first * (std::int64_t{1} << doublings));
  std::uniform_int_distribution<std::int64_t> jitter(whole.count() / 2, whole.count());
  return std::chrono::milliseconds(jitter(random_));
}

}  // namespace liaison::store
