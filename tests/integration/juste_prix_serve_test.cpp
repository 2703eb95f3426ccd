// `liaison serve` (juste prix) over real loopback sockets: the lesson's raw
// framing, netcat's lines, replay, FIN, bad input and concurrency.
#include <gtest/gtest.h>
#include <signal.h>

#include <memory>
#include <string>
#include <vector>

#include "support/client.hpp"
#include "support/process.hpp"

namespace liaison::testing {
namespace {

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

// Plays one game by bisection with raw messages; returns the "Gagné" reply.
std::string win_by_bisection(Client& client, std::string_view higher = "C'est plus",
                             std::string_view lower = "C'est moins", int min = 1, int max = 100) {
  for (int tries = 0; tries < 64; ++tries) {
    const int guess = min + (max - min) / 2;
    const std::string reply = converse(client, std::to_string(guess));
    if (starts_with(reply, higher)) {
      min = guess + 1;
    } else if (starts_with(reply, lower)) {
      max = guess - 1;
    } else {
      return reply;
    }
  }
  return "<no win>";
}

TEST(JustePrixServe, GreetsFirstWithTheBoundsAndANewline) {
  Server server({"--seed", "1"});
  Client client(server.port());
  EXPECT_EQ(client.recv_once(), "Bienvenue au juste prix ! Devinez le nombre entier entre 1 et 100.\n");
}

TEST(JustePrixServe, RawClientGetsRawRepliesAndWins) {
  Server server({"--seed", "1"});
  Client client(server.port());
  client.recv_once();
  const std::string won = win_by_bisection(client);
  EXPECT_TRUE(starts_with(won, "Gagné")) << won;
  EXPECT_NE(won.back(), '\n') << "raw replies carry no terminator";
  EXPECT_NE(won.find("Rejouer"), std::string::npos);
}

TEST(JustePrixServe, EveryInvalidInputGetsAnExplanationAndTheGameGoesOn) {
  Server server({"--seed", "1"});
  Client client(server.port());
  client.recv_once();
  for (std::string bad : {"abc", "12abc", "1e3", "0", "101", "-5", "1.5", "\xF0\x9F\x98\x80", "\xC3\x28", "\xD9\xA3",
                          " ", "99999999999999999999999"}) {
    const std::string reply = converse(client, bad);
    EXPECT_FALSE(reply.empty()) << bad;
    EXPECT_FALSE(starts_with(reply, "C'est plus") || starts_with(reply, "C'est moins") || starts_with(reply, "Gagné"))
        << bad << " -> " << reply;
  }
  EXPECT_TRUE(starts_with(win_by_bisection(client), "Gagné"));
}

TEST(JustePrixServe, TriesCountOnlyValidGuesses) {
  Server server({"--seed", "3", "--min", "5", "--max", "5"});
  Client client(server.port());
  EXPECT_NE(client.recv_once()->find("entre 5 et 5"), std::string::npos);
  converse(client, "abc");
  converse(client, "6");
  EXPECT_EQ(converse(client, "5"), "Gagné ! C'était 5, trouvé en 1 essai(s). Rejouer ? (o/n)");
}

TEST(JustePrixServe, ReplayStartsANewGameAndNoSaysFin) {
  Server server({"--seed", "1"});
  Client client(server.port());
  client.recv_once();
  win_by_bisection(client);
  EXPECT_EQ(converse(client, "peut-être"), "Répondez o pour rejouer ou n pour arrêter.");
  EXPECT_NE(converse(client, "OUI").find("entre 1 et 100"), std::string::npos);
  win_by_bisection(client);
  EXPECT_EQ(converse(client, "n"), "FIN");
  EXPECT_TRUE(client.read_until_closed());
}

TEST(JustePrixServe, FinInAnyCaseEndsTheGameGracefully) {
  Server server({"--seed", "1"});
  for (std::string fin : {"FIN", " fin ", "Fin", "fIn\t"}) {
    Client client(server.port());
    client.recv_once();
    converse(client, "50");
    EXPECT_EQ(converse(client, fin), "FIN") << fin;
    std::string rest;
    EXPECT_TRUE(client.read_until_closed(&rest));
    EXPECT_EQ(rest, "");
  }
}

TEST(JustePrixServe, SameSeedGivesSameSecrets) {
  Server first({"--seed", "42"});
  Server second({"--seed", "42"});
  Client a(first.port()), b(second.port());
  a.recv_once();
  b.recv_once();
  EXPECT_EQ(win_by_bisection(a), win_by_bisection(b));
}

TEST(JustePrixServe, LineClientGetsOneLinePerReply) {
  Server server({"--seed", "1"});
  Client client(server.port());
  EXPECT_EQ(client.read_line(), "Bienvenue au juste prix ! Devinez le nombre entier entre 1 et 100.\n");
  client.send("50\r\nabc\n\n");  // three messages in one segment, telnet's CRLF
  const auto first = client.read_line();
  ASSERT_TRUE(first);
  EXPECT_TRUE(starts_with(*first, "C'est") || starts_with(*first, "Gagné")) << *first;
  EXPECT_EQ(client.read_line(), "Ce n'est pas un nombre entier : proposez un nombre entre 1 et 100.\n");
  EXPECT_EQ(client.read_line(), "Message vide : proposez un nombre entre 1 et 100.\n");
  client.send("fi");  // a line split across segments waits for its end
  client.send("n\n");
  EXPECT_EQ(client.read_line(), "FIN\n");
}

TEST(JustePrixServe, EnglishTexts) {
  Server server({"--seed", "1", "--lang", "en"});
  Client client(server.port());
  EXPECT_NE(client.recv_once()->find("between 1 and 100"), std::string::npos);
  const std::string won = win_by_bisection(client, "Higher", "Lower");
  EXPECT_TRUE(starts_with(won, "You won")) << won;
  EXPECT_NE(won.find("Play again? (y/n)"), std::string::npos);
  EXPECT_NE(converse(client, "y").find("between 1 and 100"), std::string::npos);
  EXPECT_EQ(converse(client, "fin"), "FIN");
}

TEST(JustePrixServe, ManyPlayersAtOnceEachInTheirOwnGame) {
  Server server({});
  std::vector<std::unique_ptr<Client>> players;
  for (int i = 0; i < 50; ++i) {
    players.push_back(std::make_unique<Client>(server.port()));
    ASSERT_TRUE(players.back()->recv_once());
  }
  for (auto& player : players) EXPECT_TRUE(starts_with(win_by_bisection(*player), "Gagné"));
  for (auto& player : players) EXPECT_EQ(converse(*player, "n"), "FIN");
}

TEST(JustePrixServe, SeveralThreadsShareThePortAndTheLimits) {
  Server server({"--threads", "2", "--max-clients", "40"});
  std::vector<std::unique_ptr<Client>> players;
  for (int i = 0; i < 40; ++i) {
    players.push_back(std::make_unique<Client>(server.port()));
    ASSERT_TRUE(players.back()->recv_once());
  }
  Client one_too_many(server.port());
  EXPECT_TRUE(starts_with(one_too_many.recv_once().value_or(""), "Serveur complet (40 joueurs)"));
  for (auto& player : players) EXPECT_TRUE(starts_with(win_by_bisection(*player), "Gagné"));
  server.process().signal(SIGTERM);
  for (auto& player : players) EXPECT_EQ(player->recv_once(), "FIN");
  EXPECT_EQ(server.process().wait(2500ms), 0);
}

TEST(JustePrixServe, ClientThatHalfClosesStillGetsFin) {
  Server server({"--seed", "1"});
  Client client(server.port());
  client.recv_once();
  client.send("50\n");
  client.shutdown_send();
  std::string rest;
  EXPECT_TRUE(client.read_until_closed(&rest));
  EXPECT_TRUE(rest.ends_with("FIN\n")) << rest;
}

TEST(JustePrixServe, IPv6Loopback) {
  Server server({"--host", "::1", "--seed", "1"});
  Client client(server.port(), "::1");
  EXPECT_NE(client.recv_once()->find("entre 1 et 100"), std::string::npos);
}

TEST(JustePrixServe, PortInUseIsAOneLineErrorAndExitOne) {
  Server first({});
  Process second(liaison_binary(), {"serve", "--port", std::to_string(first.port())});
  EXPECT_EQ(second.wait(5s), 1);
  const std::string error = second.stderr_text();
  EXPECT_NE(error.find("Impossible de démarrer le service sur 127.0.0.1:" + std::to_string(first.port())),
            std::string::npos)
      << error;
}

TEST(JustePrixServe, BadOptionsExitTwo) {
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"serve", "--port", "70000"}, {"serve", "--service", "nope"}, {"serve", "--lang", "de"},
           {"serve", "--bogus"}, {"serve", "--min", "10", "--max", "1"}, {"bogus"}, {}}) {
    Process bad(liaison_binary(), args);
    EXPECT_EQ(bad.wait(5s), 2) << (args.empty() ? "(none)" : args.back());
  }
}

TEST(JustePrixServe, HelpExitsZero) {
  Process help(liaison_binary(), {"serve", "--help"});
  EXPECT_EQ(help.wait(5s), 0);
  EXPECT_NE(help.read_stdout_until("--seed").find("--service"), std::string::npos);
}

}  // namespace
}  // namespace liaison::testing
