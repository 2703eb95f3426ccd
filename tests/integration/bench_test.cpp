// `liaison bench` against the real server over loopback: players win games
// in both framings, open loop and idle connections work, and a closed port
// is reported as refused connections with exit code 1. Performance itself is
// never asserted here: on a shared machine it is no test.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <netinet/tcp.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "support/process.hpp"
#include "support/text_scan.hpp"

namespace liaison::testing {
namespace {

struct BenchResult {
  int exit_code = -1;
  std::string json;
  std::string errors;  // stderr: progress lines, and the errors when there were some
};

BenchResult run_bench(std::uint16_t port, std::vector<std::string> options) {
  std::vector<std::string> args{"bench", "127.0.0.1", std::to_string(port), "-d", "1", "--warmup", "0", "--json"};
  args.insert(args.end(), options.begin(), options.end());
  Process bench(liaison_binary(), args);
  BenchResult result;
  result.json = bench.read_stdout_until("}\n", 20s);
  result.exit_code = bench.wait(10s);
  result.errors = bench.stderr_text();
  return result;
}

// The number after "key": in the JSON; -1 when absent.
long long number(const std::string& json, const std::string& key) {
  return number_after(json, "\"" + key + "\":").value_or(-1);
}

void expect_clean_run(const BenchResult& result) {
  EXPECT_EQ(result.exit_code, 0) << result.json << result.errors;
  EXPECT_GT(number(result.json, "guesses"), 0) << result.json;
  EXPECT_GT(number(result.json, "games"), 0) << result.json;
  EXPECT_EQ(number(result.json, "total"), 0) << result.json << result.errors;
  EXPECT_GT(number(result.json, "p50"), -1) << result.json;
}

TEST(Bench, RawPlayersWinGamesWithoutErrors) {
  Server server({"--seed", "1"});
  const BenchResult result = run_bench(server.port(), {"-c", "20"});
  expect_clean_run(result);
  EXPECT_NE(result.json.find("\"framing\":\"raw\""), std::string::npos) << result.json;
}

TEST(Bench, LinePlayersWinGamesWithoutErrors) {
  Server server({"--seed", "1"});
  const BenchResult result = run_bench(server.port(), {"-c", "20", "--line"});
  expect_clean_run(result);
  EXPECT_NE(result.json.find("\"framing\":\"line\""), std::string::npos) << result.json;
}

TEST(Bench, OpenLoopOnTwoThreadsKeepsItsRate) {
  Server server({"--seed", "1"});
  const BenchResult result = run_bench(server.port(), {"-c", "10", "--rate", "200", "--threads", "2"});
  expect_clean_run(result);
  // 200 guesses/s for 1 s, whatever the machine: never far above.
  EXPECT_LE(number(result.json, "guesses"), 300) << result.json;
}

TEST(Bench, IdleConnectionsAreAllAnsweredAtTheEnd) {
  Server server({"--seed", "1"});
  const BenchResult result = run_bench(server.port(), {"-c", "2", "--idle", "10"});
  expect_clean_run(result);
  EXPECT_EQ(number(result.json, "idle_answered"), 10) << result.json;
}

TEST(Bench, ReportsTheServersCostWhenGivenItsPid) {
  Server server({"--seed", "1"});
  const BenchResult result =
      run_bench(server.port(), {"-c", "5", "--server-pid", std::to_string(server.process().pid())});
  expect_clean_run(result);
  EXPECT_GT(number(result.json, "rss_kib_before"), 0) << result.json;
  EXPECT_GT(number(result.json, "hwm_kib"), 0) << result.json;
}

// The server admits one connection per address: two players get in only
// from two addresses, and only if bench really connects from each in turn.
TEST(Bench, SourceAddressesAreUsedInTurnAndSeenByTheServer) {
  Server server({"--seed", "1", "--max-per-ip", "1"});
  const BenchResult two = run_bench(server.port(), {"-c", "2", "--source-addresses", "127.0.0.2-127.0.0.3"});
  expect_clean_run(two);
  const BenchResult one = run_bench(server.port(), {"-c", "2", "--source-addresses", "127.0.0.2"});
  EXPECT_EQ(one.exit_code, 1) << one.json;
  EXPECT_GE(number(one.json, "total"), 1) << one.json;
  EXPECT_NE(one.errors.find("Trop de connexions"), std::string::npos) << one.errors;  // the server refused it
}

TEST(Bench, ASourceAddressThatIsNotOneIsRefusedAtOnce) {
  const Finished run = run_liaison({"bench", "--source-addresses", "127.0.0.9-127.0.0.2"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("127.0.0.9-127.0.0.2"), std::string::npos) << run.err;
}

// A loopback socket bound to a free port; its port in `port`.
int bound_socket(std::uint16_t& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) return -1;
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  port = ntohs(address.sin_port);
  return fd;
}

// Sends `reply` in two writes 20 ms apart, so that it arrives in two pieces.
void send_in_two_pieces(int fd, std::string_view reply) {
  const std::string_view first = reply.substr(0, reply.size() / 2);
  const std::string_view second = reply.substr(first.size());
  ::send(fd, first.data(), first.size(), MSG_NOSIGNAL);
  std::this_thread::sleep_for(20ms);
  ::send(fd, second.data(), second.size(), MSG_NOSIGNAL);
}

// A one-client juste prix server with a single possible secret (1), whose
// raw replies are each cut in two.
void serve_split_replies(int listener) {
  const int fd = ::accept(listener, nullptr, nullptr);
  if (fd < 0) return;
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  constexpr std::string_view greeting = "Bienvenue au juste prix ! Devinez le nombre entier entre 1 et 1.";
  send_in_two_pieces(fd, std::string(greeting) + "\n");
  char buffer[1024];
  for (;;) {
    const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got <= 0) break;
    const std::string_view message(buffer, static_cast<std::size_t>(got));
    if (message == "1") send_in_two_pieces(fd, "Gagné ! C'était 1, trouvé en 1 essai(s). Rejouer ? (o/n)");
    else if (message == "o") send_in_two_pieces(fd, greeting);
    else {
      ::send(fd, "FIN", 3, MSG_NOSIGNAL);
      break;
    }
  }
  ::close(fd);
}

TEST(Bench, RawRepliesArrivingInPiecesAreReassembled) {
  std::uint16_t port = 0;
  const int listener = bound_socket(port);
  ASSERT_GE(listener, 0);
  ASSERT_EQ(::listen(listener, 1), 0);
  std::thread server(serve_split_replies, listener);
  const BenchResult result = run_bench(port, {"-c", "1"});
  server.join();
  ::close(listener);
  expect_clean_run(result);
}

TEST(Bench, AClosedPortGivesRefusedErrorsAndExitCode1) {
  // A bound socket that does not listen: the kernel refuses connections to it.
  std::uint16_t port = 0;
  const int fd = bound_socket(port);
  ASSERT_GE(fd, 0);
  const BenchResult result = run_bench(port, {"-c", "5"});
  ::close(fd);
  EXPECT_EQ(result.exit_code, 1) << result.json;
  EXPECT_EQ(number(result.json, "refused"), 5) << result.json;
  EXPECT_EQ(number(result.json, "guesses"), 0) << result.json;
  EXPECT_NE(result.errors.find("refused"), std::string::npos) << result.errors;
}

}  // namespace
}  // namespace liaison::testing
