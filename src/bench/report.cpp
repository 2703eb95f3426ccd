#include "bench/report.hpp"

#include <fmt/format.h>

namespace liaison::bench {
namespace {

std::string describe_load(const BenchOptions& options) {
  std::string load = options.rate ? fmt::format("open loop at {:.0f} guesses/s", *options.rate) : "closed loop";
  return fmt::format("{} players, {} framing, {}, {} thread{}", options.players, options.line ? "line" : "raw", load,
                     options.threads, options.threads > 1 ? "s" : "");
}

std::uint64_t delta(std::uint64_t after, std::uint64_t before) { return after > before ? after - before : 0; }

double per_guess(std::uint64_t cpu_us, const Report& report) {
  if (report.measured.guesses == 0) return 0;
  return static_cast<double>(cpu_us) / static_cast<double>(report.measured.guesses);
}

double cpu_us_per_guess(const Report& report) {
  if (!report.server) return 0;
  return per_guess(delta(report.server->end.cpu_us, report.server->start.cpu_us), report);
}

void print_server_line(const Report& report, std::FILE* out) {
  if (!report.server) return;
  const ServerUsage& server = *report.server;
  fmt::print(out, "  server        pid {}: {:.2f} s CPU, {:.1f} µs per guess; RSS {} KiB before, {} KiB connected, peak {} KiB\n",
             server.pid, static_cast<double>(delta(server.end.cpu_us, server.start.cpu_us)) / 1e6,
             cpu_us_per_guess(report), server.before.rss_kib, server.connected.rss_kib, server.end.hwm_kib);
}

}  // namespace

void print_table(const Report& report, std::FILE* out) {
  const BenchOptions& options = report.options;
  const core::LatencyHistogram& latency = report.latency;
  fmt::print(out, "liaison bench: {}, {}\n", report.server_address, describe_load(options));
  fmt::print(out, "every connection greeted (or failed) after {:.2f} s; measured {:.2f} s after {:.1f} s of warmup\n\n",
             report.connect_seconds, report.seconds, options.warmup_s);
  fmt::print(out, "  guesses    {:>12}  {:>12.1f} /s\n", report.measured.guesses, report.per_second(report.measured.guesses));
  fmt::print(out, "  games      {:>12}  {:>12.1f} /s\n", report.measured.games, report.per_second(report.measured.games));
  fmt::print(out, "  latency µs    p50 {}   p99 {}   p99.9 {}   max {}   (mean {:.1f})\n", latency.percentile(50),
             latency.percentile(99), latency.percentile(99.9), latency.max(), latency.mean());
  if (options.idle > 0)
    fmt::print(out, "  idle          {} connections held, {} answered at the end\n", options.idle,
               report.totals.idle_answered);
  print_server_line(report, out);
  fmt::print(out, "  bench         {:.2f} s CPU, {:.1f} µs per guess (this load generator)\n",
             static_cast<double>(report.bench_cpu_us) / 1e6, per_guess(report.bench_cpu_us, report));
  if (report.totals.error_total() == 0) {
    fmt::print(out, "  errors        none\n");
    return;
  }
  fmt::print(out, "  errors        {}\n", report.totals.error_total());
  print_errors(report, out);
}

void print_errors(const Report& report, std::FILE* out) {
  for (std::size_t kind = 0; kind < error_kinds; ++kind) {
    if (report.totals.errors[kind] == 0) continue;
    fmt::print(out, "    {:<10} {:>8}  e.g. {}\n", name_of(static_cast<ErrorKind>(kind)), report.totals.errors[kind],
               report.first_errors[kind]);
  }
}

void print_json(const Report& report, std::FILE* out) {
  const BenchOptions& options = report.options;
  const core::LatencyHistogram& latency = report.latency;
  const Counts& totals = report.totals;
  fmt::print(out, "{{\"server_address\":\"{}\",\"players\":{},\"idle\":{},\"threads\":{},\"framing\":\"{}\",",
             report.server_address, options.players, options.idle, options.threads, options.line ? "line" : "raw");
  fmt::print(out, "\"rate\":{},\"greeted_after_s\":{:.3f},\"warmup_s\":{:.3f},\"duration_s\":{:.3f},",
             options.rate ? fmt::format("{:.1f}", *options.rate) : "null", report.connect_seconds, options.warmup_s,
             report.seconds);
  fmt::print(out, "\"guesses\":{},\"games\":{},\"guesses_per_s\":{:.1f},\"games_per_s\":{:.1f},", report.measured.guesses,
             report.measured.games, report.per_second(report.measured.guesses), report.per_second(report.measured.games));
  fmt::print(out, "\"latency_us\":{{\"p50\":{},\"p99\":{},\"p999\":{},\"max\":{},\"mean\":{:.1f},\"count\":{}}},",
             latency.percentile(50), latency.percentile(99), latency.percentile(99.9), latency.max(), latency.mean(),
             latency.count());
  fmt::print(out, "\"errors\":{{\"refused\":{},\"timeout\":{},\"unexpected\":{},\"closed\":{},\"total\":{}}},",
             totals.errors[0], totals.errors[1], totals.errors[2], totals.errors[3], totals.error_total());
  fmt::print(out, "\"idle_answered\":{},\"bench_cpu_us\":{},\"bench_cpu_us_per_guess\":{:.2f},\"server\":",
             totals.idle_answered, report.bench_cpu_us, per_guess(report.bench_cpu_us, report));
  if (!report.server) {
    fmt::print(out, "null}}\n");
    return;
  }
  const ServerUsage& server = *report.server;
  fmt::print(out,
             "{{\"pid\":{},\"cpu_us\":{},\"cpu_us_per_guess\":{:.2f},\"rss_kib_before\":{},\"rss_kib_connected\":{},"
             "\"rss_kib_end\":{},\"hwm_kib\":{}}}}}\n",
             server.pid, delta(server.end.cpu_us, server.start.cpu_us), cpu_us_per_guess(report), server.before.rss_kib,
             server.connected.rss_kib, server.end.rss_kib, server.end.hwm_kib);
}

}  // namespace liaison::bench
