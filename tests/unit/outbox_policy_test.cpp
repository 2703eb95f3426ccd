// The slow-reader policy, without sockets: what is queued, dropped, noticed,
// and when a page's stream is over.
#include "net/outbox_policy.hpp"

#include <gtest/gtest.h>

#include <cstddef>

namespace liaison::net {
namespace {

// Offers news as a player's transport does: queued ones are counted in.
Offer offer_news(OutboxPolicy& policy, std::size_t size) {
  const Offer offer = policy.offer(size);
  if (offer == Offer::queue) policy.queued(size);
  return offer;
}

TEST(OutboxPolicy, APlayerQueuesNewsWhileWithinTheBound) {
  OutboxPolicy policy(100, OnOverflow::drop_news);
  EXPECT_EQ(offer_news(policy, 60), Offer::queue);
  EXPECT_EQ(offer_news(policy, 40), Offer::queue);  // exactly the bound
  EXPECT_EQ(policy.bytes(), 100U);
  EXPECT_FALSE(policy.over());
  EXPECT_EQ(policy.dropped(), 0U);
}

TEST(OutboxPolicy, APlayerWithinTheBoundTakesOneMoreMessageOfAnySize) {
  OutboxPolicy policy(100, OnOverflow::drop_news);
  EXPECT_EQ(offer_news(policy, 90), Offer::queue);
  EXPECT_EQ(offer_news(policy, 1000), Offer::queue);
  EXPECT_TRUE(policy.over());
  EXPECT_EQ(offer_news(policy, 1), Offer::drop);
}

TEST(OutboxPolicy, APlayerBeyondTheBoundLosesNewsAndIsToldHowManyOnceTheQueueEmpties) {
  OutboxPolicy policy(10, OnOverflow::drop_news);
  offer_news(policy, 11);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(offer_news(policy, 5), Offer::drop);
  EXPECT_EQ(policy.dropped(), 3U);
  EXPECT_EQ(policy.notice_due(), 0U);  // not while something waits
  policy.taken(11);
  EXPECT_EQ(policy.notice_due(), 3U);
  EXPECT_EQ(policy.notice_due(), 0U);  // told once
  EXPECT_EQ(offer_news(policy, 5), Offer::queue);
}

TEST(OutboxPolicy, RepliesAlwaysQueueAndOverTellsAPlayerThatDoesNotRead) {
  OutboxPolicy policy(10, OnOverflow::drop_news);
  policy.queued(10);
  EXPECT_FALSE(policy.over());
  policy.queued(1);
  EXPECT_TRUE(policy.over());
  policy.taken(11);
  EXPECT_FALSE(policy.over());
  EXPECT_EQ(policy.bytes(), 0U);
}

TEST(OutboxPolicy, APlayerIsNeverOverflowed) {
  OutboxPolicy policy(0, OnOverflow::drop_news);
  for (int i = 0; i < 5; ++i) offer_news(policy, 100);
  EXPECT_FALSE(policy.overflowed());
  EXPECT_EQ(policy.dropped(), 4U);
}

TEST(OutboxPolicy, APageQueuesEventsThatFitTheBound) {
  OutboxPolicy policy(100, OnOverflow::drop_reader);
  EXPECT_EQ(offer_news(policy, 60), Offer::queue);
  EXPECT_EQ(offer_news(policy, 40), Offer::queue);
  EXPECT_FALSE(policy.overflowed());
}

TEST(OutboxPolicy, APageOverflowsOnTheFirstEventThatDoesNotFitThenTakesNothing) {
  OutboxPolicy policy(100, OnOverflow::drop_reader);
  EXPECT_EQ(offer_news(policy, 60), Offer::queue);
  EXPECT_EQ(offer_news(policy, 41), Offer::overflow);
  EXPECT_TRUE(policy.overflowed());
  EXPECT_EQ(policy.bytes(), 60U);
  policy.taken(60);
  EXPECT_EQ(offer_news(policy, 1), Offer::drop);  // over, even with room again
  EXPECT_EQ(policy.dropped(), 0U);                // a page is not told: it reconnects
  EXPECT_EQ(policy.notice_due(), 0U);
}

TEST(OutboxPolicy, AnEventLargerThanTheBoundOverflowsAnEmptyPage) {
  OutboxPolicy policy(100, OnOverflow::drop_reader);
  EXPECT_EQ(offer_news(policy, 101), Offer::overflow);
}

TEST(OutboxPolicy, AStuckWriteOverflowsAPage) {
  OutboxPolicy policy(100, OnOverflow::drop_reader);
  policy.stuck();
  EXPECT_TRUE(policy.overflowed());
  EXPECT_EQ(offer_news(policy, 1), Offer::drop);
}

// Every sequence of small offers and takes against a model of both policies.
TEST(OutboxPolicy, MatchesItsModelOnEverySequence) {
  constexpr std::size_t bound = 6;
  for (unsigned sequence = 0; sequence < (1U << 12); ++sequence) {
    OutboxPolicy player(bound, OnOverflow::drop_news);
    OutboxPolicy page(bound, OnOverflow::drop_reader);
    std::size_t player_bytes = 0, page_bytes = 0, dropped = 0;
    bool overflowed = false;
    for (unsigned step = 0; step < 6; ++step) {
      const unsigned move = (sequence >> (2 * step)) & 3U;
      if (move == 3) {  // the writer takes everything
        player.taken(player_bytes);
        page.taken(page_bytes);
        player_bytes = page_bytes = 0;
        const std::size_t notice = player.notice_due();
        ASSERT_EQ(notice, dropped) << sequence;
        dropped = 0;
        continue;
      }
      const std::size_t size = 1 + 2 * move;  // 1, 3 or 5 bytes
      const Offer expected_player = player_bytes <= bound ? Offer::queue : Offer::drop;
      ASSERT_EQ(offer_news(player, size), expected_player) << sequence;
      if (expected_player == Offer::queue) player_bytes += size; else ++dropped;
      const Offer expected_page = overflowed ? Offer::drop : page_bytes + size <= bound ? Offer::queue : Offer::overflow;
      ASSERT_EQ(offer_news(page, size), expected_page) << sequence;
      if (expected_page == Offer::queue) page_bytes += size;
      if (expected_page == Offer::overflow) overflowed = true;
      ASSERT_EQ(player.over(), player_bytes > bound) << sequence;
      ASSERT_EQ(page.overflowed(), overflowed) << sequence;
    }
  }
}

}  // namespace
}  // namespace liaison::net
