// `liaison serve` and `liaison scores` on PostgreSQL, through the real
// binary and a real server: a game played over TCP is in the leaderboard, a
// kill -9 right after the win loses nothing, and every start-up error is one
// line and exit 1, before anything is served.
#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <string>
#include <vector>

#include "store/pg_client.hpp"
#include "store/pg_migrations.hpp"
#include "support/pg_server.hpp"
#include "support/play_games.hpp"
#include "support/process.hpp"
#include "support/scoped_env.hpp"

namespace liaison::testing {
namespace {

std::string new_database() { return pg_server().uri(pg_server().create_database()); }

std::string scores_json(const std::string& db) {
  const Finished scores = run_liaison({"scores", "--db", db, "--json"});
  EXPECT_EQ(scores.exit_code, 0) << scores.err;
  return scores.out;
}

TEST(PgServe, AGamePlayedOverTcpIsInTheLeaderboard) {
  const std::string db = new_database();
  Server server({"--db", db});
  play_games(server.port(), "kim", 2);
  EXPECT_TRUE(contains(scores_json(db), R"({"rank":1,"nickname":"kim","rounds_won":0,"games_found":2,"games":2,)"))
      << scores_json(db);
}

// The reply that says "Gagné" waits for the game's commit: killed at once
// after it, the server has nothing left to write.
TEST(PgServe, AKillNineRightAfterTheWinLosesNoGame) {
  const std::string db = new_database();
  Server server({"--db", db});
  play_games(server.port(), "lou", 3);
  server.process().signal(SIGKILL);
  server.process().wait();
  EXPECT_TRUE(contains(scores_json(db), R"("nickname":"lou","rounds_won":0,"games_found":3,"games":3,)"))
      << scores_json(db);
}

TEST(PgServe, ThePgEnvironmentVariablesWorkAsUsual) {
  const std::string database = pg_server().create_database();
  { Server server({"--db", pg_server().uri(database)}); }
  const ScopedEnv host("PGHOST", "127.0.0.1"), port("PGPORT", std::to_string(pg_server().port()));
  const ScopedEnv user("PGUSER", PgServer::user), name("PGDATABASE", database);
  EXPECT_EQ(scores_json("postgresql://"), "{\"players\":[]}\n");
  EXPECT_EQ(scores_json("postgresql:"), "{\"players\":[]}\n");
  EXPECT_EQ(scores_json("postgresql:dbname=" + database), "{\"players\":[]}\n");
}

TEST(PgServe, ARoleWithItsPasswordPlays) {
  const std::string database = pg_server().create_database(PgServer::password_user);
  const std::string db = "postgresql://" + std::string(PgServer::password_user) + ":" + PgServer::password +
                         "@127.0.0.1:" + std::to_string(pg_server().port()) + "/" + database;
  Server server({"--db", db});
  play_games(server.port(), "max", 1);
  EXPECT_TRUE(contains(scores_json(db), R"("nickname":"max")")) << scores_json(db);
}

struct BadDatabase {
  std::string name;
  std::string db;        // --db
  std::string expected;  // in the error line
};

// Built once the server runs (its port is in every URI).
std::vector<BadDatabase> bad_databases() {
  const std::string host = "127.0.0.1:" + std::to_string(pg_server().port());
  const std::string newer = pg_server().create_database();
  {
    store::pg::Client client(pg_server().uri(newer));
    store::pg::migrate(client);
    client.query("UPDATE liaison.schema_version SET version = version + 1");
  }
  return {
      {"malformed URI", "postgresql://" + host + ":port/x", "invalid"},
      {"unreachable server", "postgresql://" + std::string(PgServer::user) + "@127.0.0.1:1/x", "Connection refused"},
      {"wrong password", "postgresql://" + std::string(PgServer::password_user) + ":wrong@" + host + "/postgres",
       "password authentication failed"},
      {"missing database", "postgresql://" + std::string(PgServer::user) + "@" + host + "/nope",
       "database \"nope\" does not exist"},
      {"newer schema", pg_server().uri(newer), "is newer than this liaison knows"},
  };
}

void expect_one_line_and_exit_1(const Finished& run, const BadDatabase& bad) {
  EXPECT_EQ(run.exit_code, 1) << bad.name << ": " << run.err;
  EXPECT_TRUE(contains(run.err, bad.expected)) << bad.name << ": " << run.err;
  EXPECT_TRUE(contains(run.err, "PostgreSQL: ")) << bad.name << ": " << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << bad.name << ": " << run.err;
  EXPECT_FALSE(contains(run.err, "wrong@")) << bad.name << ": the URI and its password are not repeated";
}

TEST(PgServe, EveryStartUpErrorIsOneLineAndExit1) {
  for (const BadDatabase& bad : bad_databases()) {
    const Finished serve = run_liaison({"serve", "--port", "0", "--db", bad.db});
    expect_one_line_and_exit_1(serve, bad);
    EXPECT_EQ(serve.out, "") << bad.name << ": a server half-started";
    expect_one_line_and_exit_1(run_liaison({"scores", "--db", bad.db}), bad);
  }
}

}  // namespace
}  // namespace liaison::testing
