// `liaison serve --db postgresql://...` when things break, through the real
// binary and a real server: PostgreSQL stopped in immediate mode mid-run
// (a crash, as its clients see it) and started again; liaison killed -9
// while its players win. The games go on; nothing a player was told is
// recorded is lost.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/pg_client.hpp"
#include "support/pg_server.hpp"
#include "support/play_games.hpp"
#include "support/process.hpp"

namespace liaison::testing {
namespace {

constexpr std::string_view not_recorded = "Partie non enregistrée";
constexpr std::string_view not_yet_recorded = "Partie pas encore enregistrée";

bool told_not_recorded(const std::string& reply) {
  return contains(reply, not_recorded) || contains(reply, not_yet_recorded);
}

std::int64_t games_of(const std::string& db, const std::string& nickname) {
  store::pg::Client client(db);
  return client.query("SELECT count(*) FROM liaison.games WHERE nickname = $1", {nickname}).int64(0, 0);
}

// A named player past the greeting.
void join(Client& client, const std::string& nickname) {
  client.recv_once();
  ASSERT_EQ(converse(client, "/nick " + nickname), "Vous êtes maintenant " + nickname + ".");
}

// While PostgreSQL is down the server answers as ever; a win waits for the
// database a little, then says the game is not recorded (yet): it waits in
// the queue, and is written once the database answers again.
TEST(PgFaults, GamesPlayedWhileTheDatabaseIsDownAreWrittenWhenItReturns) {
  const std::string db = pg_server().uri(pg_server().create_database());
  Server server({"--db", db, "--seed", "1"});  // secret 75: the newcomer's 50 is "plus"
  Client before(server.port()), during(server.port());
  join(before, "ana");
  join(during, "bob");
  ASSERT_FALSE(told_not_recorded(win_game(before)));

  pg_server().stop_immediately();
  const std::string won = win_game(during);
  EXPECT_TRUE(contains(won, "Gagné")) << won;
  EXPECT_TRUE(contains(won, not_yet_recorded)) << won;  // it waits in the queue: not lost
  Client newcomer(server.port());  // still serving: a new player is greeted and plays
  EXPECT_TRUE(contains(newcomer.recv_once().value_or(""), "Bienvenue"));
  EXPECT_TRUE(contains(converse(newcomer, "50"), "C'est"));

  pg_server().start_again();
  EXPECT_TRUE(server.process().wait_for_stderr("PostgreSQL answers again", 10s)) << server.process().stderr_text();
  EXPECT_EQ(games_of(db, "ana"), 1);
  EXPECT_EQ(games_of(db, "bob"), 1);
  converse(during, "o");
  EXPECT_FALSE(told_not_recorded(win_game(during)));  // and the next game is recorded at once
  EXPECT_EQ(games_of(db, "bob"), 2);
}

// A database that hangs (every PostgreSQL process stopped, connections left
// open): a player's /scores waits for it on the reads' thread, never on the
// game loop, so every other player is answered as ever; the one who asked is
// told, after 5 s, that the leaderboard does not answer. (Read on the loop,
// the query would hold every player for its 10 s timeout.)
TEST(PgFaults, AScoresReadOnAHungDatabaseNeverHoldsTheOtherPlayers) {
  const std::string db = pg_server().uri(pg_server().create_database());
  Server server({"--db", db, "--seed", "1"});  // secret 75: bob's 50 is "plus"
  Client ana(server.port()), bob(server.port());
  join(ana, "ana");
  join(bob, "bob");
  ASSERT_FALSE(told_not_recorded(win_game(ana)));
  converse(ana, "o");
  EXPECT_TRUE(contains(converse(bob, "/scores"), "ana"));

  pg_server().freeze();
  struct Thaw {
    ~Thaw() { pg_server().thaw(); }  // whatever the test's outcome
  } thaw;
  ana.send("/scores");
  std::this_thread::sleep_for(100ms);  // the read has started, and hangs
  bob.send("50");
  EXPECT_EQ(bob.recv_once(1024, 2s).value_or("(nothing within 2 s)"), "C'est plus !");
  EXPECT_EQ(ana.recv_once(1024, 8s).value_or("(nothing)"),
            "(Le classement ne répond pas : la base des scores est trop lente. Réessayez /scores plus tard.)");
  pg_server().thaw();
  const std::string table = ana.recv_once(1024, 1s).value_or("");
  EXPECT_EQ(table, "") << "a read that came too late is not sent";
  const std::string again = converse(ana, "/scores");
  EXPECT_TRUE(contains(again, "ana")) << again << server.process().stderr_text();
}

// Players win as fast as they can; liaison is killed -9 in the middle. Every
// win announced without "not recorded" is in the table (a game may be there
// without its announce: committed, then killed before the reply left).
TEST(PgFaults, AKillNineMidRunLosesNoGameAnnouncedAsRecorded) {
  const std::string db = pg_server().uri(pg_server().create_database());
  Server server({"--db", db});
  const std::vector<std::string> players{"cal", "dee", "eli"};
  std::mutex mutex;
  std::map<std::string, std::int64_t> announced;
  std::atomic<int> wins{0};
  std::vector<std::thread> threads;
  for (const std::string& nickname : players) {
    threads.emplace_back([&, nickname] {
      try {
        Client client(server.port());
        join(client, nickname);
        for (;;) {
          const std::string reply = win_game(client);
          if (!contains(reply, "Gagné")) return;  // the server is gone
          if (!told_not_recorded(reply)) {
            const std::lock_guard lock(mutex);
            ++announced[nickname];
          }
          ++wins;
          converse(client, "o");
        }
      } catch (const std::exception&) {
        // The connection broke: the server is gone.
      }
    });
  }
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (wins < 30 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
  EXPECT_GE(wins, 30) << "the players stopped winning before the kill";
  server.process().signal(SIGKILL);
  server.process().wait();
  for (std::thread& thread : threads) thread.join();
  for (const std::string& nickname : players) {
    EXPECT_GT(announced[nickname], 0) << nickname;
    EXPECT_GE(games_of(db, nickname), announced[nickname]) << nickname;
  }
}

}  // namespace
}  // namespace liaison::testing
