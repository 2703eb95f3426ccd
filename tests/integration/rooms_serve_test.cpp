// `liaison serve --service salon` and `--mode partie` over loopback: pushed
// news for line clients, strict alternation for the lesson's raw client, a
// slow reader that delays nobody, and rounds recorded in the scores file.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "support/client.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace liaison::testing {
namespace {

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// A line client: sends a line, reads lines.
void say(Client& client, std::string_view line) { client.send(std::string(line) + "\n"); }
std::string next_line(Client& client, std::chrono::milliseconds timeout = 5s) {
  return client.read_line(timeout).value_or("(nothing)");
}
// Reads lines until one contains `part`; that line, or "(nothing)".
std::string line_with(Client& client, std::string_view part) {
  for (int i = 0; i < 1000; ++i) {
    std::string line = next_line(client);
    if (line == "(nothing)" || contains(line, part)) return line;
  }
  return "(nothing)";
}

TEST(SalonServe, LineClientsGetChatAsItHappensAndTheLessonsClientWithItsReplies) {
  Server server({"--service", "salon", "--db", ":memory:"});
  Client netcat(server.port());
  EXPECT_TRUE(contains(next_line(netcat), "Vous êtes invité-1"));
  EXPECT_EQ(next_line(netcat), "Présents (1) : invité-1\n");
  say(netcat, "/nick alice");
  EXPECT_EQ(next_line(netcat), "Vous êtes maintenant alice.\n");
  Client lesson(server.port());
  EXPECT_TRUE(contains(*lesson.recv_once(), "Présents (2) : alice, invité-2"));
  EXPECT_EQ(next_line(netcat), "* invité-2 arrive\n");
  EXPECT_EQ(converse(lesson, "bonjour"), "(envoyé, 1 lecteur(s))");
  EXPECT_EQ(next_line(netcat), "<invité-2> bonjour\n");  // pushed at once
  say(netcat, "salut !");
  EXPECT_FALSE(lesson.recv_once(1024, 300ms)) << "the lesson's client is never written to out of turn";
  EXPECT_EQ(converse(lesson, "/who"), "<alice> salut !\nPrésents (2) : alice, invité-2");
  EXPECT_EQ(converse(lesson, "FIN"), "FIN");
  EXPECT_TRUE(lesson.read_until_closed());
  EXPECT_EQ(next_line(netcat), "* invité-2 s'en va\n");
  say(netcat, "/quit");
  EXPECT_EQ(next_line(netcat), "FIN\n");
  EXPECT_TRUE(netcat.read_until_closed());
}

TEST(SalonServe, ASlowReaderDelaysNobodyAndIsToldWhatItLost) {
  Server server({"--service", "salon", "--db", ":memory:", "--flood-rate", "1000000", "--flood-burst", "1000000"});
  Client slow(server.port());
  next_line(slow);
  next_line(slow);
  say(slow, "/who");  // speaks lines: it gets pushes (and will not read them)
  Client fast(server.port());
  Client talker(server.port());
  for (Client* client : {&fast, &talker}) {
    next_line(*client);
    next_line(*client);
  }
  say(fast, "/who");  // a line client: it reads pushes from now on
  say(talker, "/push on");
  // 24 MB in batches the fast reader keeps up with: more than the kernel
  // buffers (a few MB each way on loopback) and the server's queue hold for
  // the slow reader.
  const std::string payload(1000, 'x');
  constexpr int batches = 1200;
  constexpr int batch = 20;
  int received = 0;
  for (int b = 0; b < batches; ++b) {
    std::string lines;
    for (int i = 0; i < batch; ++i) (lines += payload) += '\n';
    talker.send(lines);
    for (int got = 0; got < batch;) {
      const std::string line = next_line(fast);
      if (line == "(nothing)") break;
      if (contains(line, payload)) ++got, ++received;
    }
  }
  EXPECT_EQ(received, batches * batch) << "the fast reader got every message while the slow one read nothing";
  std::string lost;
  for (std::string line = next_line(slow); line != "(nothing)"; line = next_line(slow, 2s))
    if (contains(line, "perdu(s) : vous ne lisez pas assez vite")) lost = line;
  EXPECT_FALSE(lost.empty()) << "the slow reader is told how many messages it lost";
}

// Plays one raw client by bisection in the current round; the reply that ended it.
std::string bisect(Client& client, std::int64_t low = 1, std::int64_t high = 100) {
  for (int tries = 0; tries < 10 && low <= high; ++tries) {
    const std::int64_t guess = (low + high) / 2;
    const std::string reply = converse(client, std::to_string(guess));
    if (contains(reply, "C'est plus")) low = guess + 1;
    else if (contains(reply, "C'est moins")) high = guess - 1;
    else return reply;
  }
  return "(no end)";
}

TEST(PartieServe, ARoundIsPlayedTogetherAndRecorded) {
  TempDir dir;
  const std::string db = (dir.path() / "scores.db").string();
  {
    Server server({"--mode", "partie", "--db", db, "--round-grace", "30", "--round-pause", "1"});
    Client lesson(server.port());
    EXPECT_TRUE(contains(*lesson.recv_once(), "Votre pseudo ?"));
    EXPECT_TRUE(contains(converse(lesson, "alice"), "Bonjour alice ! Manche 1 en cours"));
    Client netcat(server.port());
    next_line(netcat);
    next_line(netcat);
    say(netcat, "bob");
    EXPECT_TRUE(contains(next_line(netcat), "Bonjour bob ! Manche 1 en cours (2 joueur(s))"));
    EXPECT_TRUE(contains(bisect(lesson), "Gagné ! C'était"));
    EXPECT_TRUE(contains(line_with(netcat, "gagne la manche 1"), "* alice gagne la manche 1"));
    // bob finds it too: he knows the secret from nobody, so he bisects as well.
    std::int64_t low = 1, high = 100;
    std::string reply;
    for (int tries = 0; tries < 10; ++tries) {
      const std::int64_t guess = (low + high) / 2;
      say(netcat, std::to_string(guess));
      reply = next_line(netcat);
      if (contains(reply, "C'est plus")) low = guess + 1;
      else if (contains(reply, "C'est moins")) high = guess - 1;
      else break;
    }
    EXPECT_TRUE(contains(reply, "vous êtes 2e")) << reply;
    EXPECT_TRUE(contains(next_line(netcat), "Fin de la manche 1")) << "everyone found it: the round ends at once";
    EXPECT_TRUE(contains(line_with(netcat, "Manche 2 :"), "un nouveau nombre"));
    const std::string news = converse(lesson, "/manche");
    EXPECT_TRUE(contains(news, "* bob trouve aussi (2e")) << news;
    EXPECT_TRUE(contains(news, "Fin de la manche 1")) << news;
    EXPECT_TRUE(contains(news, "Manche 2 : 0 sur 2 ont trouvé")) << news;
    EXPECT_TRUE(contains(converse(lesson, "/scores"), "alice"));
  }
  const Finished scores = run_liaison({"scores", "--db", db, "--json"});
  ASSERT_EQ(scores.exit_code, 0) << scores.err;
  EXPECT_TRUE(contains(scores.out, R"("nickname":"alice","rounds_won":1,"games_found":1)")) << scores.out;
  EXPECT_TRUE(contains(scores.out, R"("nickname":"bob","rounds_won":0,"games_found":1)")) << scores.out;
}

TEST(PartieServe, RoomsRunOnOneThreadAndPartieIsForTheGame) {
  EXPECT_EQ(run_liaison({"serve", "--mode", "partie", "--threads", "2", "--port", "0"}).exit_code, 2);
  EXPECT_EQ(run_liaison({"serve", "--service", "echo", "--mode", "partie", "--port", "0"}).exit_code, 2);
  EXPECT_EQ(run_liaison({"serve", "--mode", "tournoi", "--port", "0"}).exit_code, 2);
}

}  // namespace
}  // namespace liaison::testing
