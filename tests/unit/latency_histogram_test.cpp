// The bench's latency histogram: exact below 128 µs, within 1/64 above,
// percentiles by rank, merging, and the edges (empty, huge values).
#include "core/latency_histogram.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace liaison::core {
namespace {

TEST(LatencyHistogram, EmptyReportsZeros) {
  const LatencyHistogram histogram;
  EXPECT_EQ(histogram.count(), 0u);
  EXPECT_EQ(histogram.min(), 0u);
  EXPECT_EQ(histogram.max(), 0u);
  EXPECT_EQ(histogram.percentile(50), 0u);
  EXPECT_EQ(histogram.mean(), 0.0);
}

TEST(LatencyHistogram, SmallValuesAreExact) {
  for (std::uint64_t us = 0; us < 128; ++us) {
    EXPECT_EQ(LatencyHistogram::bucket_of(us), us);
    EXPECT_EQ(LatencyHistogram::highest_in_bucket(us), us);
  }
}

TEST(LatencyHistogram, EveryValueLiesInItsBucketWithinOneSixtyFourth) {
  for (std::uint64_t us = 1; us < (std::uint64_t{1} << 34); us = us * 17 / 16 + 1) {
    const std::size_t bucket = LatencyHistogram::bucket_of(us);
    const std::uint64_t high = LatencyHistogram::highest_in_bucket(bucket);
    const std::uint64_t low = bucket == 0 ? 0 : LatencyHistogram::highest_in_bucket(bucket - 1) + 1;
    EXPECT_LE(low, us);
    EXPECT_GE(high, us);
    EXPECT_LE(high - low, us / 64) << us;
  }
}

TEST(LatencyHistogram, BucketsFollowEachOtherWithoutGaps) {
  for (std::size_t bucket = 1; bucket < LatencyHistogram::bucket_of(LatencyHistogram::max_trackable_us); ++bucket) {
    const std::uint64_t first = LatencyHistogram::highest_in_bucket(bucket - 1) + 1;
    EXPECT_EQ(LatencyHistogram::bucket_of(first), bucket);
  }
}

TEST(LatencyHistogram, PercentilesByRank) {
  LatencyHistogram histogram;
  for (std::uint64_t us = 1; us <= 100; ++us) histogram.record(us);
  EXPECT_EQ(histogram.count(), 100u);
  EXPECT_EQ(histogram.percentile(50), 50u);
  EXPECT_EQ(histogram.percentile(99), 99u);
  EXPECT_EQ(histogram.percentile(99.9), 100u);
  EXPECT_EQ(histogram.percentile(100), 100u);
  EXPECT_EQ(histogram.percentile(0), 1u);
  EXPECT_EQ(histogram.min(), 1u);
  EXPECT_EQ(histogram.max(), 100u);
  EXPECT_DOUBLE_EQ(histogram.mean(), 50.5);
}

TEST(LatencyHistogram, ATailShowsOnlyInTheHighPercentiles) {
  LatencyHistogram histogram;
  for (int i = 0; i < 990; ++i) histogram.record(100);
  for (int i = 0; i < 10; ++i) histogram.record(50'000);
  EXPECT_EQ(histogram.percentile(50), 100u);
  EXPECT_EQ(histogram.percentile(99), 100u);
  EXPECT_NEAR(static_cast<double>(histogram.percentile(99.9)), 50'000.0, 50'000.0 / 64);
  EXPECT_EQ(histogram.max(), 50'000u);
}

TEST(LatencyHistogram, PercentileNeverExceedsTheMaximum) {
  LatencyHistogram histogram;
  histogram.record(1000);
  EXPECT_EQ(histogram.percentile(50), 1000u);
}

TEST(LatencyHistogram, HugeValuesShareTheLastBucket) {
  LatencyHistogram histogram;
  histogram.record(UINT64_MAX / 2);
  EXPECT_EQ(LatencyHistogram::bucket_of(UINT64_MAX / 2),
            LatencyHistogram::bucket_of(LatencyHistogram::max_trackable_us));
  EXPECT_EQ(histogram.max(), UINT64_MAX / 2);
}

TEST(LatencyHistogram, MergeAddsCounts) {
  LatencyHistogram fast, slow;
  for (int i = 0; i < 50; ++i) fast.record(10);
  for (int i = 0; i < 50; ++i) slow.record(1000);
  fast.merge(slow);
  EXPECT_EQ(fast.count(), 100u);
  EXPECT_EQ(fast.min(), 10u);
  EXPECT_EQ(fast.max(), 1000u);
  EXPECT_EQ(fast.percentile(50), 10u);
  EXPECT_NEAR(static_cast<double>(fast.percentile(51)), 1000.0, 1000.0 / 64);
}

TEST(LatencyHistogram, MergingAnEmptyHistogramChangesNothing) {
  LatencyHistogram histogram, empty;
  histogram.record(42);
  histogram.merge(empty);
  EXPECT_EQ(histogram.min(), 42u);
  EXPECT_EQ(histogram.count(), 1u);
}

}  // namespace
}  // namespace liaison::core
