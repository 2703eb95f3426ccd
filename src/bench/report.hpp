// The result of a run, for people (a table) or programs (one JSON object).
#pragma once

#include <array>
#include <cstdio>
#include <optional>
#include <string>

#include "core/latency_histogram.hpp"
#include "bench/options.hpp"
#include "bench/process_probe.hpp"
#include "bench/stats.hpp"

namespace liaison::bench {

// The server's cost, when its PID was given: samples before the bench
// connected, once every connection was open, and around the measured window.
struct ServerUsage {
  int pid = 0;
  ProcessSample before, connected, start, end;
};

struct Report {
  BenchOptions options;
  std::string server_address;
  double seconds = 0;          // of the measured window
  double connect_seconds = 0;  // from the start until every connection greeted (or failed)
  Counts measured;             // guesses and games of the measured window
  Counts totals;               // errors and idle answers of the whole run
  core::LatencyHistogram latency;
  std::array<std::string, error_kinds> first_errors{};
  std::optional<ServerUsage> server;
  std::uint64_t bench_cpu_us = 0;  // this process, over the measured window

  double per_second(std::uint64_t count) const { return seconds > 0 ? static_cast<double>(count) / seconds : 0; }
};

void print_table(const Report& report, std::FILE* out);
void print_json(const Report& report, std::FILE* out);
// One line per kind of error that happened, with an example.
void print_errors(const Report& report, std::FILE* out);

}  // namespace liaison::bench
