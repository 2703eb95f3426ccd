// One contract, every store: the same tests run against the SQLite file and
// against PostgreSQL (a real server, support/pg_server.hpp) -- batches all
// or nothing, the leaderboard's order and tie-breaks, nicknames whatever
// their case, the history's order and limit, and a newer schema refused.
#include <gtest/gtest.h>

#include <functional>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/store_backends.hpp"
#include "support/game_records.hpp"

namespace liaison::store {
namespace {

using namespace std::chrono_literals;
using testing::round_game;
using testing::solo_game;

struct BackendKind {
  std::string name;
  std::function<std::unique_ptr<Backend>()> make;
};

class ScoreStoreContract : public ::testing::TestWithParam<BackendKind> {
 protected:
  std::unique_ptr<Backend> backend_ = GetParam().make();
  std::unique_ptr<core::ScoreStore> store_ = backend_->open();
};

std::vector<std::string> nicknames(const std::vector<core::LeaderboardRow>& rows) {
  std::vector<std::string> names;
  for (const auto& row : rows) names.push_back(row.nickname);
  return names;
}

TEST_P(ScoreStoreContract, HistoryGivesBackEachGameAsRecorded) {
  store_->record({solo_game("", 3, 1500ms), round_game("Zoé", 7, 2, 6, 12s)});
  const auto games = store_->history(10);
  ASSERT_EQ(games.size(), 2U);
  const core::GameRecord& solo = games[0].game;
  EXPECT_EQ(solo.mode, core::GameMode::solo);
  EXPECT_EQ(solo.nickname, "");  // anonymous
  EXPECT_EQ(solo.round, 0);
  EXPECT_TRUE(solo.found);
  EXPECT_EQ(solo.tries, 3);
  EXPECT_EQ(solo.duration, 1500ms);
  const core::GameRecord& round = games[1].game;
  EXPECT_EQ(round.mode, core::GameMode::round);
  EXPECT_EQ(round.nickname, "Zoé");
  EXPECT_EQ(round.round, 7);
  EXPECT_EQ(round.min, 1);
  EXPECT_EQ(round.max, 100);
  EXPECT_EQ(round.secret, 42);
  EXPECT_EQ(round.tries, 6);
  EXPECT_EQ(round.duration, 12s);
  EXPECT_EQ(round.rank, 2);
  for (const auto& game : games)
    EXPECT_TRUE(std::regex_match(game.finished_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")))
        << game.finished_at;
}

TEST_P(ScoreStoreContract, HistoryKeepsTheLastGamesOldestFirst) {
  store_->record({solo_game("a", 1, 1s), solo_game("b", 2, 1s)});
  store_->record({solo_game("c", 3, 1s)});
  store_->record({solo_game("d", 4, 1s), solo_game("e", 5, 1s)});
  std::vector<std::string> last;
  for (const auto& game : store_->history(3)) last.push_back(game.game.nickname);
  EXPECT_EQ(last, (std::vector<std::string>{"c", "d", "e"}));
  EXPECT_EQ(store_->history(100).size(), 5U);
  EXPECT_TRUE(store_->history(0).empty());
}

TEST_P(ScoreStoreContract, BatchIsAllOrNothing) {
  core::GameRecord impossible = solo_game("bob", 4, 5s);
  impossible.secret = 101;  // outside 1..100: the schema's CHECK refuses it
  EXPECT_THROW(store_->record({solo_game("alice", 3, 2s), round_game("carol", 1, 1, 5, 9s), impossible}),
               std::runtime_error);
  EXPECT_EQ(backend_->count_games(), 0);
  EXPECT_TRUE(store_->leaderboard(10).empty());
  // The failed batch left nothing half-done behind it.
  store_->record({solo_game("alice", 3, 2s)});
  EXPECT_EQ(backend_->count_games(), 1);
  EXPECT_EQ(nicknames(store_->leaderboard(10)), std::vector<std::string>{"alice"});
  store_->record({});  // nothing to record: nothing happens
  EXPECT_EQ(backend_->count_games(), 1);
}

// Every tie-break in turn: rounds won, then games found, then fewer tries on
// average, then the fastest find, then the nickname.
TEST_P(ScoreStoreContract, LeaderboardOrdersByRoundsFoundTriesTimeThenNickname) {
  store_->record({solo_game("hal", 6, 3s), round_game("zoe", 2, 0, 3, 60s), round_game("dave", 5, 1, 2, 1s),
                  solo_game("erin", 6, 3s), round_game("carol", 1, 2, 5, 9500ms)});
  store_->record({solo_game("bob", 4, 5s), round_game("alice", 1, 1, 5, 9s), solo_game("", 1, 100ms),
                  round_game("dave", 2, 0, 9, 60s), solo_game("gus", 6, 3s), round_game("carol", 4, 1, 5, 7s)});
  store_->record({round_game("alice", 2, 1, 7, 11s), solo_game("frank", 6, 2s), round_game("bob", 3, 1, 4, 8s),
                  round_game("yann", 2, 0, 8, 60s), solo_game("carol", 5, 4s), solo_game("bob", 4, 6s)});

  const auto rows = store_->leaderboard(100);
  EXPECT_EQ(nicknames(rows), (std::vector<std::string>{"alice", "bob", "carol", "dave", "frank", "erin", "gus", "hal",
                                                        "yann", "zoe"}));
  ASSERT_EQ(rows.size(), 10U);
  EXPECT_EQ(rows[0].rounds_won, 2);
  const core::LeaderboardRow& bob = rows[1];
  EXPECT_EQ(bob.rounds_won, 1);  // carol's second place in round 1 is no round won
  EXPECT_EQ(bob.games_found, 3);
  EXPECT_EQ(bob.games, 3);
  EXPECT_DOUBLE_EQ(bob.average_tries, 4.0);
  EXPECT_EQ(bob.best_time, 5s);
  const core::LeaderboardRow& dave = rows[3];
  EXPECT_EQ(dave.games, 2);
  EXPECT_EQ(dave.games_found, 1);
  EXPECT_DOUBLE_EQ(dave.average_tries, 2.0);  // the round not found does not count
  EXPECT_EQ(rows[9].games_found, 0);
  EXPECT_EQ(rows[9].best_time, std::nullopt);

  EXPECT_EQ(nicknames(store_->leaderboard(3)), (std::vector<std::string>{"alice", "bob", "carol"}));
  EXPECT_TRUE(store_->leaderboard(0).empty());
  EXPECT_EQ(backend_->count_games(), 17);  // the anonymous game is kept, only not ranked
}

// The rooms refuse "Alice" while "alice" is here: the leaderboard counts
// them as one player too, under the spelling of the last game -- ASCII
// letters only, as the rooms compare nicknames.
TEST_P(ScoreStoreContract, ANicknameIsOnePlayerWhateverItsAsciiCase) {
  store_->record({solo_game("alice", 6, 3s), round_game("ALICE", 1, 1, 4, 9s), solo_game("bob", 5, 2s)});
  store_->record({solo_game("Alice", 2, 4s), solo_game("Élodie", 3, 1s), solo_game("élodie", 3, 1s)});
  const auto rows = store_->leaderboard(10);
  EXPECT_EQ(nicknames(rows), (std::vector<std::string>{"Alice", "Élodie", "élodie", "bob"}));
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_EQ(rows[0].games, 3);
  EXPECT_EQ(rows[0].games_found, 3);
  EXPECT_EQ(rows[0].rounds_won, 1);
  EXPECT_DOUBLE_EQ(rows[0].average_tries, 4.0);
  EXPECT_EQ(rows[0].best_time, 3s);
}

TEST_P(ScoreStoreContract, ReopeningKeepsTheGamesAndTheVersion) {
  store_->record({round_game("alice", 1, 1, 5, 9s), solo_game("bob", 4, 5s)});
  store_.reset();
  store_ = backend_->open();
  EXPECT_EQ(nicknames(store_->leaderboard(10)), (std::vector<std::string>{"alice", "bob"}));
  EXPECT_EQ(store_->history(10).size(), 2U);
  EXPECT_EQ(backend_->schema_version(), backend_->latest_schema_version());
}

TEST_P(ScoreStoreContract, ANewerSchemaIsRefusedAndLeftAlone) {
  store_->record({solo_game("alice", 3, 2s)});
  store_.reset();
  const int newer = backend_->latest_schema_version() + 1;
  backend_->set_schema_version(newer);
  try {
    backend_->open();
    FAIL() << "opened a database of a newer schema";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("newer"), std::string::npos) << error.what();
  }
  EXPECT_EQ(backend_->schema_version(), newer);
  EXPECT_EQ(backend_->count_games(), 1);
}

INSTANTIATE_TEST_SUITE_P(Stores, ScoreStoreContract,
                         ::testing::Values(BackendKind{"Sqlite", [] { return std::make_unique<SqliteBackend>(); }},
                                           BackendKind{"Postgres", [] { return std::make_unique<PgBackend>(); }}),
                         [](const auto& instance) { return instance.param.name; });

}  // namespace
}  // namespace liaison::store
