// A latency histogram in microseconds, HDR style: log-linear buckets.
//
// Values below 128 µs each have their own bucket. Above, every power of two
// is cut into 64 equal buckets, so a bucket is never wider than 1/64 of its
// values (1.6 %): 1000 µs is told apart from 1016 µs, 1 s from 1.016 s. A
// fixed array of counters, so recording is an index and an increment: no
// allocation, no sorting, and two histograms merge by adding counters.
// Pure: no clock, no I/O.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace liaison::core {

class LatencyHistogram {
 public:
  // Values from this one on share the last bucket (about 19 hours).
  static constexpr std::uint64_t max_trackable_us = (std::uint64_t{1} << 36) - 1;

  void record(std::uint64_t us);
  void merge(const LatencyHistogram& other);

  std::uint64_t count() const { return count_; }
  std::uint64_t min() const { return count_ == 0 ? 0 : min_; }
  std::uint64_t max() const { return max_; }
  double mean() const;

  // The value at or below which `percentile` % of the values lie (50, 99,
  // 99.9), as the upper end of its bucket, never above max(). 0 when empty.
  std::uint64_t percentile(double percentile) const;

  // The bucket a value falls in, and the largest value of a bucket: public
  // for tests and for learners.
  static std::size_t bucket_of(std::uint64_t us);
  static std::uint64_t highest_in_bucket(std::size_t bucket);

 private:
  static constexpr unsigned exact_bits = 7;                        // 0..127 exactly
  static constexpr std::size_t exact_buckets = std::size_t{1} << exact_bits;
  static constexpr std::size_t sub_buckets = exact_buckets / 2;   // per power of two above
  static constexpr std::size_t bucket_count = exact_buckets + (36 - exact_bits) * sub_buckets;

  std::array<std::uint64_t, bucket_count> counts_{};
  std::uint64_t count_ = 0;
  std::uint64_t min_ = UINT64_MAX;
  std::uint64_t max_ = 0;
  std::uint64_t sum_ = 0;
};

}  // namespace liaison::core
