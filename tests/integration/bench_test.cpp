// `liaison bench` against the real server over loopback: players win games
// in both framings, open loop and idle connections work, and a closed port
// is reported as refused connections with exit code 1. Performance itself is
// never asserted here: on a shared machine it is no test.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <regex>
#include <string>
#include <vector>

#include "support/process.hpp"

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
  std::smatch match;
  if (!std::regex_search(json, match, std::regex("\"" + key + "\":(\\d+)"))) return -1;
  return std::stoll(match[1]);
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

TEST(Bench, AClosedPortGivesRefusedErrorsAndExitCode1) {
  // A bound socket that does not listen: the kernel refuses connections to it.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);

  const BenchResult result = run_bench(ntohs(address.sin_port), {"-c", "5"});
  ::close(fd);
  EXPECT_EQ(result.exit_code, 1) << result.json;
  EXPECT_EQ(number(result.json, "refused"), 5) << result.json;
  EXPECT_EQ(number(result.json, "guesses"), 0) << result.json;
  EXPECT_NE(result.errors.find("refused"), std::string::npos) << result.errors;
}

}  // namespace
}  // namespace liaison::testing
