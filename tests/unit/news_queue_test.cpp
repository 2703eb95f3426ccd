// News kept for a turn-based member, handed over within one reply.
#include "core/news_queue.hpp"

#include <gtest/gtest.h>

namespace liaison::core {
namespace {

const RoomTexts& fr = room_texts(Lang::fr);

TEST(NewsQueue, PutsTheNewsBeforeTheReply) {
  NewsQueue news;
  EXPECT_EQ(news.take_with("reply", 1024, fr), "reply");
  news.add("one");
  news.add("two");
  EXPECT_FALSE(news.empty());
  EXPECT_EQ(news.take_with("reply", 1024, fr), "one\ntwo\nreply");
  EXPECT_TRUE(news.empty());
}

TEST(NewsQueue, DropsTheOldestBeyondItsCapacityAndSaysHowMany) {
  NewsQueue news(2);
  news.add("a");
  news.add("b");
  news.add("c");
  EXPECT_EQ(news.take_with("r", 1024, fr), "(… 1 message(s) plus ancien(s) non affiché(s))\nb\nc\nr");
}

TEST(NewsQueue, KeepsTheNewestThatFitTheBudgetWithTheNotice) {
  NewsQueue news;
  for (int i = 0; i < 10; ++i) news.add(std::string(100, static_cast<char>('0' + i)));
  const std::string text = news.take_with(std::string(300, 'r'), 600, fr);
  EXPECT_LE(text.size(), 600U);
  EXPECT_TRUE(text.starts_with("(… 8 message(s)")) << text;
  EXPECT_NE(text.find(std::string(100, '9')), std::string::npos);
  EXPECT_NE(text.find(std::string(100, '8')), std::string::npos);
  EXPECT_TRUE(text.ends_with(std::string(300, 'r')));
}

TEST(NewsQueue, TheReplyIsWholeEvenWhenNothingElseFits) {
  NewsQueue news;
  news.add("lost");
  EXPECT_EQ(news.take_with(std::string(1024, 'r'), 1024, fr), std::string(1024, 'r'));
}

TEST(NewsQueue, TakeAllHandsOverEveryLineAndTheCountOfTheDropped) {
  NewsQueue news(1);
  news.add("a");
  news.add("b");
  const auto lines = news.take_all(fr);
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0], "(… 1 message(s) plus ancien(s) non affiché(s))");
  EXPECT_EQ(lines[1], "b");
  EXPECT_TRUE(news.empty());
}

}  // namespace
}  // namespace liaison::core
