// `liaison play` against the real `liaison serve`: --auto always wins within
// the bisection bound; a person plays through stdin.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/process.hpp"
#include "support/text_scan.hpp"

namespace liaison::testing {
namespace {

// Runs `liaison play <args>` with nothing on stdin until it exits.
Finished play(std::vector<std::string> args) {
  args.insert(args.begin(), "play");
  return run_liaison(std::move(args), 60s);
}

std::vector<std::string> auto_play(const Server& server, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"--auto", "127.0.0.1", std::to_string(server.port())};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// The tries of each game, as the server counted them in its "won" sentence.
// A run's server speaks one language: its sentences are all French or all English.
std::vector<int> tries_per_game(const std::string& out) {
  std::vector<int> tries;
  for (const long long n : numbers_after(out, "trouvé en ", " essai")) tries.push_back(static_cast<int>(n));
  for (const long long n : numbers_after(out, "found in ", " tries")) tries.push_back(static_cast<int>(n));
  return tries;
}

int occurrences(const std::string& text, const std::string& needle) {
  int count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

// Our numeric moves ("> 50"), all games together.
int numeric_moves(const std::string& out) {
  int moves = 0;
  for (const std::string_view line : complete_lines(out)) {
    Scan move(line);
    if (move.literal("> ") && move.integer() && move.done()) ++moves;
  }
  return moves;
}

TEST(PlayAuto, WinsOneGameWithinSevenTries) {
  Server server({"--seed", "7"});
  const Finished result = play(auto_play(server));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("Bienvenue au juste prix ! Devinez le nombre entier entre 1 et 100."), std::string::npos);
  EXPECT_NE(result.out.find("> 50\n"), std::string::npos);
  const auto tries = tries_per_game(result.out);
  ASSERT_EQ(tries.size(), 1u) << result.out;
  EXPECT_LE(tries[0], 7);
  EXPECT_EQ(numeric_moves(result.out), tries[0]);
  EXPECT_NE(result.out.find("> n\nFIN\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Bilan : 1 partie(s) gagnée(s) en " + std::to_string(tries[0]) + " essai(s)"),
            std::string::npos)
      << result.out;
}

TEST(PlayAuto, ManySeedsAlwaysWithinSevenTries) {
  for (const char* seed : {"1", "2", "3", "4", "5"}) {
    Server server({"--seed", seed});
    const Finished result = play(auto_play(server, {"--games", "10"}));
    ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
    const auto tries = tries_per_game(result.out);
    ASSERT_EQ(tries.size(), 10u);
    for (const int t : tries) EXPECT_LE(t, 7);
  }
}

TEST(PlayAuto, AThousandNumbersWithinTenTries) {
  Server server({"--seed", "7", "--min", "1", "--max", "1000"});
  const Finished result = play(auto_play(server, {"--games", "5"}));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("> 500\n"), std::string::npos);
  const auto tries = tries_per_game(result.out);
  ASSERT_EQ(tries.size(), 5u);
  for (const int t : tries) EXPECT_LE(t, 10);
}

TEST(PlayAuto, ThreeGamesThenNoThenFin) {
  Server server({"--seed", "7"});
  const Finished result = play(auto_play(server, {"--games", "3"}));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const auto tries = tries_per_game(result.out);
  ASSERT_EQ(tries.size(), 3u);
  int total = 0;
  for (const int t : tries) total += t;
  EXPECT_EQ(numeric_moves(result.out), total);
  // Two replays, each answered by a new greeting, one refusal, then FIN.
  EXPECT_EQ(occurrences(result.out, "> o\nBienvenue"), 2);
  EXPECT_EQ(occurrences(result.out, "> n\n"), 1);
  EXPECT_NE(result.out.find("> n\nFIN\nBilan : 3 partie(s) gagnée(s) en " + std::to_string(total) + " essai(s)"),
            std::string::npos)
      << result.out;
}

TEST(PlayAuto, InEnglish) {
  Server server({"--seed", "7", "--lang", "en"});
  const Finished result = play(auto_play(server, {"--lang", "en", "--games", "2"}));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("between 1 and 100"), std::string::npos);
  EXPECT_NE(result.out.find("> y\nWelcome"), std::string::npos);
  EXPECT_NE(result.out.find("> n\nFIN\nSummary: 2 game(s) won in "), std::string::npos) << result.out;
  for (const int t : tries_per_game(result.out)) EXPECT_LE(t, 7);
}

TEST(PlayAuto, FrenchPlayerUnderstandsAnEnglishServer) {
  Server server({"--seed", "7", "--lang", "en"});
  const Finished result = play(auto_play(server, {"--games", "2"}));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("> o\nWelcome"), std::string::npos) << result.out;
  EXPECT_EQ(tries_per_game(result.out).size(), 2u);
}

TEST(PlayAuto, WholeInt64RangeWithin65Tries) {
  Server server({"--seed", "7", "--min=-9223372036854775808", "--max=9223372036854775807"});
  const Finished result = play(auto_play(server, {"--games", "3"}));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("> -1\n"), std::string::npos);
  const auto tries = tries_per_game(result.out);
  ASSERT_EQ(tries.size(), 3u);
  for (const int t : tries) EXPECT_LE(t, 65);
}

TEST(PlayAuto, NegativeBoundsAndASingleNumber) {
  Server negative({"--seed", "7", "--min=-5", "--max=5"});
  Finished result = play(auto_play(negative, {"--games", "4"}));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  for (const int t : tries_per_game(result.out)) EXPECT_LE(t, 4);
  Server single({"--min", "42", "--max", "42"});
  result = play(auto_play(single));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("> 42\nGagné ! C'était 42, trouvé en 1 essai(s)."), std::string::npos) << result.out;
}

// A port where nothing listens: bound but not listening, so nobody else takes it.
class ClosedPort {
 public:
  ClosedPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t size = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
  }
  ~ClosedPort() { ::close(fd_); }
  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

TEST(Play, RefusedConnection) {
  ClosedPort closed;
  for (const bool automatic : {true, false}) {
    std::vector<std::string> args{"127.0.0.1", std::to_string(closed.port())};
    if (automatic) args.insert(args.begin(), "--auto");
    const Finished result = play(args);
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("La connexion a échoué."), std::string::npos) << result.err;
  }
  const Finished english = play({"--lang", "en", "127.0.0.1", std::to_string(closed.port())});
  EXPECT_EQ(english.exit_code, 1);
  EXPECT_NE(english.err.find("The connection failed."), std::string::npos) << english.err;
}

TEST(Play, BadOptionsExitTwo) {
  EXPECT_EQ(play({"--games", "2"}).exit_code, 2);  // --games needs --auto
  EXPECT_EQ(play({"--auto", "--games", "0"}).exit_code, 2);
  EXPECT_EQ(play({"--auto", "127.0.0.1", "notaport"}).exit_code, 2);
  EXPECT_EQ(play({"--auto", "127.0.0.1", "70000"}).exit_code, 2);
  EXPECT_EQ(play({"--lang", "de"}).exit_code, 2);
  EXPECT_EQ(play({"--timeout", "0"}).exit_code, 2);
  EXPECT_EQ(play({"--bogus"}).exit_code, 2);
}

}  // namespace
}  // namespace liaison::testing
