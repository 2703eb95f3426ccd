#include "net/server_stats.hpp"

#include <algorithm>
#include <cstddef>

namespace liaison::net {

void ReplyLatency::observe(std::chrono::nanoseconds latency) {
  const double seconds = std::chrono::duration<double>(latency).count();
  const auto bucket = static_cast<std::size_t>(
      std::lower_bound(bounds_seconds.begin(), bounds_seconds.end(), seconds) - bounds_seconds.begin());
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(static_cast<std::uint64_t>(std::max<std::int64_t>(latency.count(), 0)), std::memory_order_relaxed);
}

ReplyLatency::Snapshot ReplyLatency::snapshot() const {
  Snapshot snapshot;
  std::uint64_t running = 0;
  for (std::size_t i = 0; i < bounds_seconds.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    snapshot.at_most[i] = running;
  }
  snapshot.count = running + buckets_.back().load(std::memory_order_relaxed);
  snapshot.sum_seconds = static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9;
  return snapshot;
}

}  // namespace liaison::net
