#include "bench/bench.hpp"

#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "bench/process_probe.hpp"
#include "bench/report.hpp"
#include "bench/run_state.hpp"
#include "bench/source_addresses.hpp"
#include "bench/worker.hpp"
#include "net/endpoint.hpp"

namespace liaison::bench {
namespace {

using namespace std::chrono_literals;
using Seconds = std::chrono::duration<double>;

std::string_view name_of(Phase phase) {
  switch (phase) {
    case Phase::connecting: return "connecting";
    case Phase::warmup: return "warmup";
    case Phase::measuring: return "measuring";
    case Phase::stopping: return "stopping";
  }
  return "?";
}

Plan make_plan(const BenchOptions& options, const tcp::endpoint& server) {
  Plan plan;
  plan.server = server;
  plan.sources = parse_source_addresses(options.source_addresses);
  plan.line = options.line;
  plan.timeout = std::chrono::duration_cast<Clock::duration>(Seconds(options.timeout_s));
  if (options.rate) {
    plan.interval = std::chrono::duration_cast<Clock::duration>(Seconds(options.players / *options.rate));
    plan.stagger = std::chrono::duration_cast<Clock::duration>(Seconds(1.0 / *options.rate));
  }
  return plan;
}

// The players' threads, seen from the main thread, which runs the clock.
class Coordinator {
 public:
  Coordinator(const BenchOptions& options, const tcp::endpoint& server) : options_(options) {
    const Plan plan = make_plan(options, server);
    const auto threads = static_cast<std::size_t>(options.threads);
    const auto batch = static_cast<std::size_t>(options.connect_batch) / threads + 1;
    for (std::size_t t = 0; t < threads; ++t) {
      const Share share{.first = t, .stride = threads, .players = static_cast<std::size_t>(options.players),
                        .idle = static_cast<std::size_t>(options.idle)};
      workers_.push_back(std::make_unique<Worker>(run_, plan, share, batch));
    }
  }

  void start() {
    for (auto& worker : workers_) threads_.emplace_back([&worker] { worker->run(); });
  }

  // Waits until every connection has greeted or failed; true when some live.
  bool wait_for_connections() {
    const std::size_t total = static_cast<std::size_t>(options_.players + options_.idle);
    auto next_line = Clock::now() + 1s;
    while (run_.settled.load() < total) {
      std::this_thread::sleep_for(10ms);
      if (Clock::now() < next_line) continue;
      next_line += 1s;
      fmt::print(stderr, "[connecting] {}/{} settled, {} errors\n", run_.settled.load(), total, counts().error_total());
    }
    return counts().error_total() < total;
  }

  // Lets `seconds` pass in `phase`, with a progress line each second.
  void spend(Phase phase, double seconds) {
    run_.phase.store(phase);
    const auto start = Clock::now();
    const auto end = start + std::chrono::duration_cast<Clock::duration>(Seconds(seconds));
    auto previous = counts();
    auto previous_time = start;
    while (Clock::now() < end) {
      std::this_thread::sleep_until(std::min(end, previous_time + 1s));
      const auto now = Clock::now();
      const Counts current = counts();
      const double interval = Seconds(now - previous_time).count();
      fmt::print(stderr, "[{} {:5.1f}s] {:9.0f} guesses/s {:8.0f} games/s  errors {}\n", name_of(phase),
                 Seconds(now - start).count(), static_cast<double>(current.guesses - previous.guesses) / interval,
                 static_cast<double>(current.games - previous.games) / interval, current.error_total());
      previous = current;
      previous_time = now;
    }
  }

  void stop() {
    run_.phase.store(Phase::stopping);
    for (auto& worker : workers_) worker->stop();
    for (auto& thread : threads_) thread.join();
    threads_.clear();
  }

  Counts counts() const {
    Counts sum;
    for (const auto& worker : workers_) sum += worker->stats().counts();
    return sum;
  }

  // After stop(): the histograms and error examples of every thread.
  void collect(Report& report) const {
    for (const auto& worker : workers_) {
      report.latency.merge(worker->stats().latency);
      for (std::size_t kind = 0; kind < error_kinds; ++kind)
        if (report.first_errors[kind].empty()) report.first_errors[kind] = worker->stats().first_error[kind];
    }
    report.totals = counts();
  }

  ~Coordinator() {
    if (!threads_.empty()) stop();
  }

 private:
  const BenchOptions& options_;
  RunState run_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
};

std::optional<tcp::endpoint> resolve(const BenchOptions& options) {
  asio::io_context context;
  tcp::resolver resolver(context);
  error_code error;
  const auto results = resolver.resolve(options.host, std::to_string(options.port), error);
  if (error || results.empty()) {
    fmt::print(stderr, "liaison bench: cannot resolve {}: {}\n", options.host, error.message());
    return std::nullopt;
  }
  return results.begin()->endpoint();
}

ProcessSample sample(const std::optional<ServerUsage>& server) {
  if (!server) return {};
  return sample_process(server->pid).value_or(ProcessSample{});
}

std::optional<ServerUsage> server_usage(const BenchOptions& options) {
  if (!options.server_pid) return std::nullopt;
  if (!sample_process(*options.server_pid)) {
    fmt::print(stderr, "liaison bench: no process {} to measure: --server-pid ignored\n", *options.server_pid);
    return std::nullopt;
  }
  ServerUsage usage;
  usage.pid = *options.server_pid;
  return usage;
}

void check_open_file_limit(const BenchOptions& options) {
  const std::uint64_t limit = raise_open_file_limit();
  const auto needed = static_cast<std::uint64_t>(options.players + options.idle) + 16;
  if (limit < needed)
    fmt::print(stderr, "liaison bench: {} connections need about {} open files, the limit is {}\n",
               options.players + options.idle, needed, limit);
}

}  // namespace

int run_bench(const BenchOptions& options) {
  check_open_file_limit(options);
  const auto server = resolve(options);
  if (!server) return 1;
  Report report;
  report.options = options;
  report.server_address = net::to_string(*server);
  report.server = server_usage(options);
  if (report.server) report.server->before = sample(report.server);

  Coordinator coordinator(options, *server);
  const auto started = Clock::now();
  coordinator.start();
  const bool connected = coordinator.wait_for_connections();
  report.connect_seconds = Seconds(Clock::now() - started).count();
  if (connected) {
    if (report.server) report.server->connected = sample(report.server);
    coordinator.spend(Phase::warmup, options.warmup_s);
    const Counts start = coordinator.counts();
    if (report.server) report.server->start = sample(report.server);
    const auto start_time = Clock::now();
    const std::uint64_t start_cpu_us = own_cpu_us();
    coordinator.spend(Phase::measuring, options.duration_s);
    report.measured = coordinator.counts() - start;
    report.seconds = Seconds(Clock::now() - start_time).count();
    report.bench_cpu_us = own_cpu_us() - start_cpu_us;
    if (report.server) report.server->end = sample(report.server);
  }
  coordinator.stop();
  coordinator.collect(report);

  if (options.json) {
    print_json(report, stdout);
    if (report.totals.error_total() > 0) print_errors(report, stderr);
  } else {
    print_table(report, stdout);
  }
  return report.totals.error_total() == 0 ? 0 : 1;
}

}  // namespace liaison::bench
