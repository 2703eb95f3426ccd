// `liaison scores` on a database filled through the store: the table, --top,
// --json, --lang, the default path, and the errors (missing file, garbage
// file, bad option).
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "store/sqlite_store.hpp"
#include "support/game_records.hpp"
#include "support/process.hpp"
#include "support/scoped_env.hpp"
#include "support/temp_dir.hpp"

namespace liaison::testing {
namespace {

Finished run_scores(std::vector<std::string> options) {
  options.insert(options.begin(), "scores");
  return run_liaison(std::move(options));
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> result;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) result.push_back(line);
  return result;
}

// alice won two rounds; bob one round and a solo game; Zoé found nothing.
void fill(const std::filesystem::path& db) {
  store::SqliteStore store(db.string());
  store.record({round_game("alice", 1, 1, 5, 9s), round_game("bob", 1, 2, 6, 10s), round_game("Zoé", 1, 0, 3, 30s)});
  store.record({round_game("alice", 2, 1, 7, 12s), round_game("Zoé", 2, 0, 4, 30s)});
  store.record({round_game("bob", 3, 1, 4, 8s), solo_game("bob", 3, 2500ms), solo_game("", 1, 100ms)});
}

class ScoresCommand : public ::testing::Test {
 protected:
  void SetUp() override { fill(db_); }
  TempDir dir_;
  std::filesystem::path db_ = dir_ / "scores.db";
};

TEST_F(ScoresCommand, PrintsTheTableBestFirst) {
  const Finished run = run_scores({"--db", db_.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto table = lines(run.out);
  ASSERT_EQ(table.size(), 4U) << run.out;
  EXPECT_TRUE(table[0].starts_with("#  Pseudo")) << run.out;
  EXPECT_TRUE(table[1].starts_with("1  alice")) << run.out;
  EXPECT_TRUE(table[2].starts_with("2  bob")) << run.out;
  EXPECT_TRUE(table[3].starts_with("3  Zoé")) << run.out;
  EXPECT_TRUE(table[1].ends_with("6,0   9,0 s")) << run.out;  // (5 + 7) / 2 tries, fastest 9 s
  EXPECT_TRUE(table[3].ends_with("     -       -")) << run.out;  // nothing found: no average, no time
}

TEST_F(ScoresCommand, TopLimitsThePlayers) {
  const Finished run = run_scores({"--db", db_.string(), "--top", "2"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto table = lines(run.out);
  ASSERT_EQ(table.size(), 3U) << run.out;
  EXPECT_EQ(run.out.find("Zoé"), std::string::npos) << run.out;
}

TEST_F(ScoresCommand, JsonHasEveryPlayersNumbers) {
  const Finished run = run_scores({"--db", db_.string(), "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const boost::json::value document = boost::json::parse(run.out);
  const boost::json::array& players = document.at("players").as_array();
  ASSERT_EQ(players.size(), 3U) << run.out;
  const boost::json::object& alice = players[0].as_object();
  EXPECT_EQ(alice.at("rank").as_int64(), 1);
  EXPECT_EQ(alice.at("nickname").as_string(), "alice");
  EXPECT_EQ(alice.at("rounds_won").as_int64(), 2);
  EXPECT_EQ(alice.at("games_found").as_int64(), 2);
  EXPECT_EQ(alice.at("games").as_int64(), 2);
  EXPECT_DOUBLE_EQ(alice.at("average_tries").as_double(), 6.0);
  EXPECT_EQ(alice.at("best_time_ms").as_int64(), 9000);
  const boost::json::object& bob = players[1].as_object();
  EXPECT_EQ(bob.at("rounds_won").as_int64(), 1);
  EXPECT_EQ(bob.at("games_found").as_int64(), 3);
  EXPECT_DOUBLE_EQ(bob.at("average_tries").as_double(), 13.0 / 3);
  EXPECT_EQ(bob.at("best_time_ms").as_int64(), 2500);
  const boost::json::object& zoe = players[2].as_object();
  EXPECT_EQ(zoe.at("rank").as_int64(), 3);
  EXPECT_EQ(zoe.at("nickname").as_string(), "Zoé");
  EXPECT_EQ(zoe.at("games").as_int64(), 2);
  EXPECT_TRUE(zoe.at("average_tries").is_null());
  EXPECT_TRUE(zoe.at("best_time_ms").is_null());
}

TEST_F(ScoresCommand, EnglishTable) {
  const Finished run = run_scores({"--db", db_.string(), "--lang", "en"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto table = lines(run.out);
  ASSERT_EQ(table.size(), 4U) << run.out;
  EXPECT_TRUE(table[0].starts_with("#  Player")) << run.out;
  EXPECT_TRUE(table[1].ends_with("6.0  9.0 s")) << run.out;
}

TEST_F(ScoresCommand, MissingExplicitFileIsAnErrorAndIsNotCreated) {
  const auto missing = dir_ / "typo.db";
  const Finished run = run_scores({"--db", missing.string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "liaison: Pas de base de scores à " + missing.string() + ".\n");
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST_F(ScoresCommand, GarbageFileIsAOneLineError) {
  const auto garbage = dir_ / "garbage.db";
  std::ofstream(garbage) << std::string(2048, '?');
  const Finished run = run_scores({"--db", garbage.string(), "--lang", "en"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(run.err.starts_with("liaison: Cannot read the scores: " + garbage.string())) << run.err;
  EXPECT_NE(run.err.find("not a database"), std::string::npos) << run.err;
  EXPECT_EQ(lines(run.err).size(), 1U) << run.err;
}

TEST_F(ScoresCommand, TopOutOfRangeIsAUsageError) {
  EXPECT_EQ(run_scores({"--db", db_.string(), "--top", "0"}).exit_code, 2);
  EXPECT_EQ(run_scores({"--db", db_.string(), "--top", "1001"}).exit_code, 2);
  EXPECT_EQ(run_scores({"--db", db_.string(), "--top", "many"}).exit_code, 2);
}

// The child inherits the environment: XDG_DATA_HOME points it at a directory
// of the test's own.
TEST_F(ScoresCommand, DefaultPathNotYetCreatedShowsNoScoresAndCreatesNothing) {
  const auto data_home = dir_ / "data";
  const ScopedEnv xdg("XDG_DATA_HOME", data_home.string());
  const Finished run = run_scores({});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "Pas encore de scores.\n");
  EXPECT_FALSE(std::filesystem::exists(data_home));
}

TEST_F(ScoresCommand, DefaultPathIsRead) {
  const auto data_home = dir_ / "data";
  std::filesystem::create_directories(data_home / "liaison");
  std::filesystem::copy_file(db_, data_home / "liaison" / "scores.db");
  const ScopedEnv xdg("XDG_DATA_HOME", data_home.string());
  const Finished run = run_scores({"--top", "1"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto table = lines(run.out);
  ASSERT_EQ(table.size(), 2U) << run.out;
  EXPECT_TRUE(table[1].starts_with("1  alice")) << run.out;
}

}  // namespace
}  // namespace liaison::testing
