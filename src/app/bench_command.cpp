// liaison bench: a load generator for the juste prix server (see src/bench/).
#include <memory>

#include "app/commands.hpp"
#include "bench/bench.hpp"
#include "bench/options.hpp"

namespace liaison::app {

void add_bench_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<bench::BenchOptions>();
  CLI::App* command = app.add_subcommand(
      "bench", "Load-test a juste prix server you run: many players by bisection, guesses/s and latency");
  command->add_option("host", options->host, "Server address")->capture_default_str();
  command->add_option("port", options->port, "Server port")->capture_default_str();
  command->add_option("-c,--connections", options->players, "Concurrent players")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  command->add_option("-d,--duration", options->duration_s, "Seconds measured")
      ->check(CLI::Range(0.001, 86'400.0))
      ->capture_default_str();
  command->add_option("--warmup", options->warmup_s, "Seconds played before measuring, not counted")
      ->check(CLI::Range(0.0, 3'600.0))
      ->capture_default_str();
  command->add_flag("--line", options->line, "Line framing (\"\\n\" after each message); raw by default, as the lesson");
  command->add_option("--threads", options->threads, "Threads, each with its own event loop and share of the players")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  command->add_option("--rate", options->rate,
                      "Open loop: guesses/s spread over the players, latency counted from each intended send time")
      ->check(CLI::PositiveNumber);
  command->add_option("--timeout", options->timeout_s, "Seconds to wait for each connect, send or reply")
      ->check(CLI::Range(0.001, 3'600.0))
      ->capture_default_str();
  command->add_option("--idle", options->idle,
                      "Extra connections that only read the greeting, stay silent, and send one guess at the end")
      ->check(CLI::Range(0, 1'000'000))
      ->capture_default_str();
  command->add_option("--connect-batch", options->connect_batch, "Connections being opened at once")
      ->check(CLI::Range(1, 100'000))
      ->capture_default_str();
  command->add_option("--source-addresses", options->source_addresses,
                      "Local addresses to connect from, one connection from each in turn (e.g. "
                      "127.0.0.2,127.0.0.3 or 127.0.0.2-127.0.0.9): about 28,000 connections per address")
      ->delimiter(',')
      ->check(bench::source_address_error);
  command->add_option("--server-pid", options->server_pid,
                      "PID of the server (on this machine): report its CPU time per guess and its memory");
  command->add_flag("--json", options->json, "Print the result as one JSON object");
  command->callback([options, &exit_code] { exit_code = bench::run_bench(*options); });
}

}  // namespace liaison::app
