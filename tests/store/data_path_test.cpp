// Where the scores live by default: XDG_DATA_HOME, else HOME, and the
// factory creating that directory (and only that) when it opens the store.
#include "store/data_path.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>

#include "store/open_score_store.hpp"
#include "support/game_records.hpp"
#include "support/scoped_env.hpp"
#include "support/temp_dir.hpp"

namespace liaison::store {
namespace {

using namespace std::chrono_literals;
using testing::ScopedEnv;
using testing::TempDir;

TEST(DataPath, HonoursXdgDataHome) {
  TempDir dir;
  const ScopedEnv xdg("XDG_DATA_HOME", dir.path().string());
  const ScopedEnv home("HOME", "/nonexistent-home");
  EXPECT_EQ(default_db_path(), dir / "liaison" / "scores.db");
}

TEST(DataPath, FallsBackToHomeWhenXdgIsUnsetEmptyOrRelative) {
  const ScopedEnv home("HOME", "/home/eleve");
  const std::filesystem::path expected = "/home/eleve/.local/share/liaison/scores.db";
  {
    const ScopedEnv xdg("XDG_DATA_HOME", std::nullopt);
    EXPECT_EQ(default_db_path(), expected);
  }
  {
    const ScopedEnv xdg("XDG_DATA_HOME", "");
    EXPECT_EQ(default_db_path(), expected);
  }
  {
    const ScopedEnv xdg("XDG_DATA_HOME", "relative/data");  // the XDG spec says to ignore it
    EXPECT_EQ(default_db_path(), expected);
  }
}

TEST(DataPath, NeitherVariableIsAnError) {
  const ScopedEnv xdg("XDG_DATA_HOME", std::nullopt);
  const ScopedEnv home("HOME", std::nullopt);
  EXPECT_THROW(default_db_path(), std::runtime_error);
}

TEST(DataPath, DefaultStoreIsCreatedUnderXdgDataHome) {
  TempDir dir;
  const ScopedEnv xdg("XDG_DATA_HOME", (dir / "data").string());  // missing: created on open
  {
    const auto store = open_score_store("");
    store->record({testing::solo_game("alice", 3, 2s)});
  }
  const auto db = dir / "data" / "liaison" / "scores.db";
  ASSERT_TRUE(std::filesystem::exists(db));
  const auto permissions = std::filesystem::status(db.parent_path()).permissions();
  EXPECT_EQ(permissions & std::filesystem::perms::all, std::filesystem::perms::owner_all);
  const auto rows = open_score_store(db.string(), sqlite::OpenMode::existing)->leaderboard(10);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].nickname, "alice");
}

TEST(DataPath, ReadingTheDefaultStoreCreatesNothing) {
  TempDir dir;
  const ScopedEnv xdg("XDG_DATA_HOME", (dir / "data").string());
  EXPECT_THROW(open_score_store("", sqlite::OpenMode::existing), sqlite::Error);
  EXPECT_FALSE(std::filesystem::exists(dir / "data"));
}

}  // namespace
}  // namespace liaison::store
