// What `liaison bench` is asked to do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace liaison::bench {

struct BenchOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 50000;
  int players = 100;             // -c: concurrent players
  double duration_s = 10;        // -d: measured seconds
  double warmup_s = 1;           // played but not counted
  bool line = false;             // line framing; raw (the lesson's way) otherwise
  int threads = 1;               // each its own io_context and share of the players
  std::optional<double> rate;    // open loop: guesses/s over all players
  double timeout_s = 5;          // per operation: connect, send, reply
  int idle = 0;                  // extra connections that only greet, then one guess at the end
  int connect_batch = 500;       // connections being opened at once
  std::vector<std::string> source_addresses;  // connect from these, in turn ("A" or "A-B")
  std::optional<int> server_pid; // read this server's CPU time and memory from /proc
  bool json = false;
};

// Empty when `item` is a valid --source-addresses item, else what is wrong
// (the parsing itself is in source_addresses.cpp, which needs Asio).
std::string source_address_error(const std::string& item);

}  // namespace liaison::bench
