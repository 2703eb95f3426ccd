// The scores file under stress: a server killed with SIGKILL loses no
// finished game, and two servers on different ports share one file safely.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "support/play_games.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace liaison::testing {
namespace {

std::string scores_json(const std::string& db) {
  const Finished scores = run_liaison({"scores", "--db", db, "--json", "--top", "100"});
  EXPECT_EQ(scores.exit_code, 0) << scores.err;
  return scores.out;
}

TEST(ScoresPersistence, AKillNineLosesNoFinishedGame) {
  TempDir dir;
  const std::string db = (dir / "scores.db").string();
  Server server({"--db", db});
  play_games(server.port(), "kim", 5);  // each "Gagné" was read: each game was finished
  server.process().signal(SIGKILL);
  server.process().wait();
  EXPECT_TRUE(contains(scores_json(db), R"("nickname":"kim","rounds_won":0,"games_found":5,"games":5)"))
      << scores_json(db);
}

TEST(ScoresPersistence, TwoServersShareOneFile) {
  TempDir dir;
  const std::string db = (dir / "scores.db").string();
  Server first({"--db", db});
  Server second({"--db", db});
  std::vector<std::thread> players;
  for (int i = 0; i < 8; ++i) {
    const std::uint16_t port = i % 2 ? second.port() : first.port();
    players.emplace_back([port, i] { play_games(port, "p" + std::to_string(i), 6); });
  }
  for (std::thread& player : players) player.join();
  const std::string json = scores_json(db);
  for (int i = 0; i < 8; ++i)
    EXPECT_TRUE(contains(json, R"("nickname":"p)" + std::to_string(i) + R"(","rounds_won":0,"games_found":6,"games":6)"))
        << json;
  EXPECT_TRUE(first.process().stderr_text().find("database") == std::string::npos) << first.process().stderr_text();
}

}  // namespace
}  // namespace liaison::testing
