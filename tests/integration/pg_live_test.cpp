// Two `liaison serve` on one PostgreSQL database, through the real binary
// and a real server: a win on A shows on B's page (/events), in B's
// /api/leaderboard and in `liaison scores`, within a second -- B heard of it
// through LISTEN/NOTIFY, with no game of its own.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "support/pg_server.hpp"
#include "support/play_games.hpp"
#include "support/process.hpp"
#include "support/web_client.hpp"

namespace liaison::testing {
namespace {

using Clock = std::chrono::steady_clock;

// True once the page shows `nickname` on its leaderboard within `patience`
// (a leaderboard without it -- an error while the database was away -- is
// skipped).
bool page_shows(EventStream& page, const std::string& nickname, std::chrono::milliseconds patience) {
  const auto deadline = Clock::now() + patience;
  while (Clock::now() < deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    const std::optional<std::string> board = page.next_of("leaderboard", left);
    if (!board) return false;
    if (contains(*board, R"("nickname":")" + nickname + '"')) return true;
  }
  return false;
}

TEST(PgLive, AWinOnOneServerShowsOnTheOthersPageWithinASecond) {
  const std::string db = pg_server().uri(pg_server().create_database());
  Server a({"--db", db});
  Server b({"--db", db, "--web", "127.0.0.1:0"});
  const std::uint16_t b_web = read_web_port(b.process());
  EventStream page(b_web);
  page.next_of("snapshot");

  play_games(a.port(), "zoe", 1);  // returns with "Gagné": the game is committed
  EXPECT_TRUE(page_shows(page, "zoe", 1s)) << "not on B's page within 1 s";
  EXPECT_TRUE(contains(request(b_web, "/api/leaderboard").body, R"("nickname":"zoe")"));
  const Finished scores = run_liaison({"scores", "--db", db, "--json"});
  EXPECT_TRUE(contains(scores.out, R"("nickname":"zoe")")) << scores.out << scores.err;
}

// The notifications sent while B was cut from the database are lost: B reads
// the tables again once it is back, and its page shows what it missed.
TEST(PgLive, AfterAnOutageTheOtherServerListensAgain) {
  const std::string db = pg_server().uri(pg_server().create_database());
  Server b({"--db", db, "--web", "127.0.0.1:0"});
  const std::uint16_t b_web = read_web_port(b.process());
  EventStream page(b_web);
  page.next_of("snapshot");
  pg_server().stop_immediately();
  pg_server().start_again();
  Server a({"--db", db});
  play_games(a.port(), "yan", 1);
  EXPECT_TRUE(page_shows(page, "yan", 5s)) << "B's page never showed A's win";
}

}  // namespace
}  // namespace liaison::testing
