// One round across servers through the real binary: two `liaison serve
// --mode partie --room salle` on one real PostgreSQL, a player on each. The
// secret is the same on both, the first finder is decided once, the news
// reach both servers' players (over TCP and on the page's /play); killed
// with -9, the clock's owner leaves the other server to run the next rounds.
// And --room's start-up errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <string>
#include <thread>
#include <vector>

#include "store/pg_client.hpp"
#include "support/client.hpp"
#include "support/pg_server.hpp"
#include "support/play_client.hpp"
#include "support/process.hpp"
#include "support/web_client.hpp"

namespace liaison::testing {
namespace {

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

void say(Client& client, std::string_view line) { client.send(std::string(line) + "\n"); }
std::string next_line(Client& client) { return client.read_line(5s).value_or("(nothing)"); }
// Reads lines until one contains `part`; that line, or "(nothing)".
std::string line_with(Client& client, std::string_view part) {
  for (int i = 0; i < 100; ++i) {
    std::string line = next_line(client);
    if (line == "(nothing)" || contains(line, part)) return line;
  }
  return "(nothing)";
}

// A line client named `nickname`, in the round.
void join(Client& client, std::string_view nickname) {
  line_with(client, "Votre pseudo ?");
  say(client, nickname);
  EXPECT_TRUE(contains(line_with(client, "Bonjour"), "anche 1")) << nickname;
}

// Bisection until found: the reply that says so.
std::string bisect(Client& client) {
  std::int64_t low = 1, high = 100;
  for (int tries = 0; tries < 10; ++tries) {
    const std::int64_t guess = (low + high) / 2;
    say(client, std::to_string(guess));
    std::string reply = next_line(client);
    while (reply.starts_with("* ")) reply = next_line(client);  // news
    if (contains(reply, "C'est plus")) low = guess + 1;
    else if (contains(reply, "C'est moins")) high = guess - 1;
    else return reply;
  }
  return "(no end)";
}

std::string lease_owner(store::pg::Client& db) {
  return std::string(
      db.query("SELECT coalesce(lease_owner, '') FROM liaison.rooms WHERE name = 'salle'").text(0, 0));
}

TEST(SharedRoundServe, TwoServersPlayOneRoundAndTheOtherTakesTheClockWhenItsOwnerDies) {
  const std::string uri = pg_server().uri(pg_server().create_database());
  const std::vector<std::string> common{"--mode",       "partie", "--room",        "salle", "--db", uri,
                                        "--room-lease", "1",      "--round-grace", "2",     "--round-pause", "0.5"};
  std::vector<std::string> with_page = common;
  with_page.insert(with_page.end(), {"--web", "127.0.0.1:0"});
  Server a(with_page);
  const std::uint16_t a_web = read_web_port(a.process());
  store::pg::Client db(uri);
  for (int i = 0; i < 100 && lease_owner(db).empty(); ++i) std::this_thread::sleep_for(20ms);
  const std::string a_id = lease_owner(db);
  ASSERT_FALSE(a_id.empty()) << "the first server keeps the clock";
  Server b(common);
  Client ana(a.port()), bob(b.port()), carol(a.port());
  join(ana, "ana");
  join(bob, "bob");
  EXPECT_TRUE(contains(*carol.recv_once(), "Votre pseudo ?"));
  EXPECT_TRUE(contains(converse(carol, "carol"), "Bonjour carol ! Manche 1"));

  // bob, on B, finds round 1's secret at once (he read it in the database)...
  const std::string secret = std::string(db.query("SELECT secret FROM liaison.rooms").text(0, 0));
  say(bob, secret);
  // The reply waits for the database's rank: one reply, as for a single server.
  const std::string won = next_line(bob);
  EXPECT_TRUE(contains(won, "Gagné ! C'était " + secret + ", trouvé le premier en 1 essai(s)")) << won;
  // ...the players on A hear it, and ana finds the same secret by bisection: second.
  EXPECT_TRUE(contains(line_with(ana, "gagne la manche 1"), "* bob gagne la manche 1"));
  const std::string second = bisect(ana);
  EXPECT_TRUE(contains(second, "Trouvé ! C'était " + secret + " : vous êtes 2e")) << second;
  EXPECT_TRUE(contains(line_with(bob, "trouve aussi"), "* ana trouve aussi (2e"));
  // A's page lists bob as a finder from another server; its counts are A's
  // players (ana and carol), of whom one found it.
  const std::string round = request(a_web, "/api/round").body;
  EXPECT_TRUE(contains(round, R"("found":2,"players":2,"shared":true,"found_here":1)")) << round;
  EXPECT_TRUE(contains(round, R"({"nickname":"bob","tries":1,"rank":1,"present":false,"elsewhere":true})")) << round;
  EXPECT_TRUE(contains(round, R"({"nickname":"ana",)")) << round;
  EXPECT_TRUE(contains(round, R"("rank":2,"present":true,"elsewhere":false})")) << round;
  // The lesson's client: the news with its next reply, its rank in its reply.
  const std::string news = converse(carol, secret);
  EXPECT_TRUE(contains(news, "* bob gagne la manche 1")) << news;
  EXPECT_TRUE(contains(news, "* ana trouve aussi (2e")) << news;
  EXPECT_TRUE(contains(news, "Trouvé ! C'était " + secret + " : vous êtes 3e, en 1 essai(s)")) << news;
  EXPECT_FALSE(contains(news, "Votre rang arrive")) << news;
  // Grace, pause, round 2 on both servers; the podium holds both.
  for (Client* player : {&ana, &bob}) {
    const std::string summary = line_with(*player, "Fin de la manche 1");
    EXPECT_TRUE(contains(summary, "1. bob (1 essai(s)")) << summary;
    EXPECT_TRUE(contains(summary, "2. ana (")) << summary;
    EXPECT_TRUE(contains(summary, "3. carol (1 essai(s)")) << summary;
    EXPECT_TRUE(contains(line_with(*player, "Manche 2 :"), "un nouveau nombre"));
  }
  EXPECT_EQ(lease_owner(db), a_id);

  // Round 2: dan plays from A's page (/play, WebSocket) and finds it first;
  // his reply frame waits for the database's rank too.
  PlayClient dan(a_web);
  std::string frame;
  for (int i = 0; i < 5 && !contains(frame, "Votre pseudo ?"); ++i) frame = dan.read().value_or("(nothing)");
  dan.write("dan");
  EXPECT_TRUE(contains(dan.read().value_or("(nothing)"), "Bonjour dan ! Manche 2"));
  const std::string secret_2 = std::string(db.query("SELECT secret FROM liaison.rooms").text(0, 0));
  dan.write(secret_2);
  const std::string dan_won = dan.read().value_or("(nothing)");
  EXPECT_TRUE(contains(dan_won, "Gagné ! C'était " + secret_2 + ", trouvé le premier en 1 essai(s)")) << dan_won;
  EXPECT_TRUE(contains(line_with(bob, "gagne la manche 2"), "* dan gagne la manche 2"));

  // A dies: its players' games end; B takes the clock and plays on.
  a.process().signal(SIGKILL);
  a.process().wait();
  EXPECT_TRUE(ana.read_until_closed());
  const std::string bob_second = bisect(bob);
  EXPECT_TRUE(contains(bob_second, "Trouvé ! C'était " + secret_2 + " : vous êtes 2e")) << bob_second;
  const std::string summary_2 = line_with(bob, "Fin de la manche 2");
  EXPECT_TRUE(contains(summary_2, "1. dan (1 essai(s)")) << summary_2;
  EXPECT_TRUE(contains(summary_2, "2. bob (")) << summary_2;
  EXPECT_TRUE(contains(line_with(bob, "Manche 3 :"), "un nouveau nombre")) << "B runs the clock now";
  const std::string b_id = lease_owner(db);
  EXPECT_FALSE(b_id.empty());
  EXPECT_NE(b_id, a_id);
  EXPECT_FALSE(contains(b.process().stderr_text(), "room salle:")) << b.process().stderr_text();
}

TEST(SharedRoundServe, RoomStartUpErrorsAreOneLineAndExit1) {
  const std::string uri = pg_server().uri(pg_server().create_database());
  { Server first({"--mode", "partie", "--room", "salle", "--db", uri}); }
  const struct {
    std::vector<std::string> args;
    std::string expected;
  } bad[] = {
      {{"--mode", "partie", "--room", "salle", "--db", ":memory:"}, "--room needs a PostgreSQL database"},
      {{"--room", "salle", "--db", uri}, "--room is for --mode partie"},
      {{"--mode", "partie", "--room", std::string(101, 's'), "--db", uri}, "--room: a name of at most 100 bytes"},
      {{"--mode", "partie", "--room", "salle", "--db", uri, "--max", "1000"},
       "the room \"salle\" plays between 1 and 100 with 15 s of grace time and 5 s of pause: start this server with "
       "--min 1 --max 100 --round-grace 15 --round-pause 5"},
      {{"--mode", "partie", "--room", "salle", "--db", uri, "--round-pause", "3"}, "--round-pause 5"},
      {{"--mode", "partie", "--room", "salle", "--db", "postgresql://nobody@127.0.0.1:1/x"}, "Connection refused"},
  };
  for (const auto& [args, expected] : bad) {
    std::vector<std::string> command{"serve", "--port", "0"};
    command.insert(command.end(), args.begin(), args.end());
    const Finished run = run_liaison(command);
    EXPECT_EQ(run.exit_code, 1) << expected << ": " << run.err;
    EXPECT_TRUE(contains(run.err, expected)) << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
    EXPECT_EQ(run.out, "") << "a server half-started: " << expected;
  }
}

}  // namespace
}  // namespace liaison::testing
