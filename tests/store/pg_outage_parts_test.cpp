// The parts of the PostgreSQL store's outage handling that need no server:
// the backoff between attempts, and the bounded queue of games waiting.
#include <gtest/gtest.h>

#include "store/backoff.hpp"
#include "store/pending_games.hpp"

namespace liaison::store {
namespace {

using std::chrono::milliseconds;

TEST(Backoff, DoublesUpToItsCapEachDelayBetweenItsHalfAndItsWhole) {
  Backoff backoff({.first = milliseconds(100), .cap = milliseconds(1000)}, 7);
  const milliseconds wholes[] = {milliseconds(100), milliseconds(200), milliseconds(400), milliseconds(800),
                                 milliseconds(1000), milliseconds(1000)};
  for (const milliseconds whole : wholes) {
    const milliseconds delay = backoff.next();
    EXPECT_GE(delay, whole / 2);
    EXPECT_LE(delay, whole);
  }
  backoff.reset();
  EXPECT_LE(backoff.next(), milliseconds(100));
}

TEST(Backoff, TwoServersDoNotKnockAtTheSameInstants) {
  Backoff one({.first = milliseconds(1000), .cap = milliseconds(1000)}, 1);
  Backoff other({.first = milliseconds(1000), .cap = milliseconds(1000)}, 2);
  int same = 0;
  for (int attempt = 0; attempt < 10; ++attempt) same += one.next() == other.next() ? 1 : 0;
  EXPECT_LT(same, 10);
}

TEST(PendingGames, KeepsBatchesInOrderUpToItsCapacity) {
  PendingGames pending(3);
  const std::vector<core::GameRecord> two(2, core::GameRecord{.nickname = "a"});
  const std::vector<core::GameRecord> one(1, core::GameRecord{.nickname = "b"});
  const std::uint64_t first = pending.push(two);
  EXPECT_TRUE(pending.fits(1));
  EXPECT_FALSE(pending.fits(2));
  const std::uint64_t second = pending.push(one);
  EXPECT_EQ(pending.games(), 3U);
  ASSERT_EQ(pending.all().size(), 3U);
  EXPECT_EQ(pending.all().back().nickname, "b");
  pending.pop_front();
  EXPECT_FALSE(pending.waits(first));
  EXPECT_TRUE(pending.waits(second));
  EXPECT_TRUE(pending.fits(2));
  pending.clear();
  EXPECT_TRUE(pending.empty());
  EXPECT_FALSE(pending.waits(second));
}

}  // namespace
}  // namespace liaison::store
