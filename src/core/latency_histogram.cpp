#include "core/latency_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace liaison::core {

std::size_t LatencyHistogram::bucket_of(std::uint64_t us) {
  us = std::min(us, max_trackable_us);
  if (us < exact_buckets) return static_cast<std::size_t>(us);
  // The top 7 bits of the value (64..127) choose the bucket inside its power of two.
  const auto shift = static_cast<unsigned>(std::bit_width(us)) - exact_bits;
  const auto top = static_cast<std::size_t>(us >> shift);
  return exact_buckets + (shift - 1) * sub_buckets + (top - sub_buckets);
}

std::uint64_t LatencyHistogram::highest_in_bucket(std::size_t bucket) {
  if (bucket < exact_buckets) return bucket;
  const std::size_t above = bucket - exact_buckets;
  const auto shift = static_cast<unsigned>(above / sub_buckets + 1);
  const std::uint64_t top = sub_buckets + above % sub_buckets;
  return ((top + 1) << shift) - 1;
}

void LatencyHistogram::record(std::uint64_t us) {
  ++counts_[bucket_of(us)];
  ++count_;
  sum_ += us;
  min_ = std::min(min_, us);
  max_ = std::max(max_, us);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  for (std::size_t i = 0; i < bucket_count; ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double LatencyHistogram::mean() const {
  return count_ == 0 ? 0.0 : static_cast<double>(sum_) / static_cast<double>(count_);
}

std::uint64_t LatencyHistogram::percentile(double percentile) const {
  if (count_ == 0) return 0;
  // The rank of the value sought, 1-based: p % of count, rounded up, at least 1.
  const double wanted = std::ceil(std::clamp(percentile, 0.0, 100.0) / 100.0 * static_cast<double>(count_));
  const auto rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(wanted));
  std::uint64_t seen = 0;
  for (std::size_t bucket = 0; bucket < bucket_count; ++bucket) {
    seen += counts_[bucket];
    if (seen >= rank) return std::min(highest_in_bucket(bucket), max_);
  }
  return max_;
}

}  // namespace liaison::core
