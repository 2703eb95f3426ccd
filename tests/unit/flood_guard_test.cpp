// The token bucket behind the rooms' flood control.
#include "core/flood_guard.hpp"

#include <gtest/gtest.h>

namespace liaison::core {
namespace {

using namespace std::chrono_literals;
using Verdict = FloodGuard::Verdict;

TEST(FloodGuard, AllowsTheBurstThenTheRate) {
  const FloodLimits limits{.rate = 2, .burst = 3, .mute = 10s};
  Instant now{1h};
  FloodGuard guard(limits, now);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(guard.check(now).verdict, Verdict::pass);
  EXPECT_EQ(guard.check(now).verdict, Verdict::warned);
  now += 500ms;  // one token back
  EXPECT_EQ(guard.check(now).verdict, Verdict::pass);
  now += 500ms;
  EXPECT_EQ(guard.check(now).verdict, Verdict::pass);
}

TEST(FloodGuard, MutesOnTheSecondOffenceInARowAndForgivesAfterwards) {
  const FloodLimits limits{.rate = 1, .burst = 1, .mute = 10s};
  Instant now{1h};
  FloodGuard guard(limits, now);
  EXPECT_EQ(guard.check(now).verdict, Verdict::pass);
  EXPECT_EQ(guard.check(now).verdict, Verdict::warned);
  const FloodGuard::Decision muted = guard.check(now);
  EXPECT_EQ(muted.verdict, Verdict::muted);
  EXPECT_EQ(muted.mute_left, 10s);
  now += 9'001ms;
  EXPECT_EQ(guard.check(now).mute_left, 1s);  // rounded up
  now += 999ms;
  EXPECT_EQ(guard.check(now).verdict, Verdict::pass);
  EXPECT_EQ(guard.check(now).verdict, Verdict::warned);  // a fresh warning, not a mute
  now += 1s;
  EXPECT_EQ(guard.check(now).verdict, Verdict::pass);  // within the rate: the warning is cleared
  EXPECT_EQ(guard.check(now).verdict, Verdict::warned);
}

TEST(FloodGuard, TimeGoingBackwardsGivesNothingBack) {
  const FloodLimits limits{.rate = 1, .burst = 1, .mute = 10s};
  Instant now{1h};
  FloodGuard guard(limits, now);
  EXPECT_EQ(guard.check(now).verdict, Verdict::pass);
  EXPECT_EQ(guard.check(now - 5s).verdict, Verdict::warned);
}

}  // namespace
}  // namespace liaison::core
