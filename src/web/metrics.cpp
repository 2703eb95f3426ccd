#include "web/metrics.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <span>
#include <sstream>
#include <vector>

namespace liaison::web {
namespace {

struct ProcessStats {
  double cpu_seconds = 0;
  double resident_bytes = 0;
  double virtual_bytes = 0;
  double open_fds = 0;
  double max_fds = 0;
  double start_time_seconds = 0;
};

// /proc/self/stat: fields after the command name (which may hold blanks).
std::vector<std::string> stat_fields() {
  std::ifstream file("/proc/self/stat");
  const std::string line((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  std::istringstream rest(line.substr(line.rfind(')') + 2));
  return {std::istream_iterator<std::string>(rest), std::istream_iterator<std::string>()};
}

double boot_time_seconds() {
  std::ifstream file("/proc/stat");
  std::string key;
  double value = 0;
  while (file >> key) {
    if (key == "btime" && file >> value) return value;
    file.ignore(1 << 20, '\n');
  }
  return 0;
}

ProcessStats read_process_stats() {
  ProcessStats stats;
  const std::vector<std::string> fields = stat_fields();  // fields[0] is "state" (field 3)
  const auto ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  const auto page = static_cast<double>(::sysconf(_SC_PAGESIZE));
  if (fields.size() > 21) {
    stats.cpu_seconds = (std::stod(fields[11]) + std::stod(fields[12])) / ticks;  // utime, stime
    stats.start_time_seconds = boot_time_seconds() + std::stod(fields[19]) / ticks;
    stats.virtual_bytes = std::stod(fields[20]);
    stats.resident_bytes = std::stod(fields[21]) * page;
  }
  std::error_code ignored;
  for (auto entry = std::filesystem::directory_iterator("/proc/self/fd", ignored);
       entry != std::filesystem::directory_iterator(); entry.increment(ignored))
    ++stats.open_fds;
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0) stats.max_fds = static_cast<double>(limit.rlim_cur);
  return stats;
}

void family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

template <typename Value>
void sample(std::string& out, std::string_view name, std::string_view labels, Value value) {
  fmt::format_to(std::back_inserter(out), "{}{} {}\n", name, labels, value);
}

// One sample of a family without labels other than the service's.
struct Series {
  std::string_view name, type, help;
  double value;
};

// Whole numbers as such (a count of 10 million is 10000000, not 1e+07).
std::string number(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) return fmt::format("{:.0f}", value);
  return fmt::format("{}", value);
}

void write_series(std::string& out, std::span<const Series> all, std::string_view labels) {
  for (const Series& one : all) {
    family(out, one.name, one.type, one.help);
    sample(out, one.name, labels, number(one.value));
  }
}

}  // namespace

std::string prometheus_text(const net::ServerStats& stats, std::string_view service) {
  std::string out;
  const std::string service_label = fmt::format("{{service=\"{}\"}}", service);
  const auto count = [](const auto& counter) { return static_cast<double>(counter.load(std::memory_order_relaxed)); };
  const Series counts[] = {
      {"liaison_connections_total", "counter", "Client connections served (TCP and WebSocket).",
       count(stats.connections_total)},
      {"liaison_connections_open", "gauge", "Client connections open now.", count(stats.connections_open)},
      {"liaison_connections_refused_total", "counter",
       "Connections turned away: server full, too many from one address, or denied.",
       count(stats.connections_refused_total)},
      {"liaison_messages_total", "counter", "Client messages answered.", count(stats.messages_total)},
      {"liaison_pushes_dropped_total", "counter", "News not sent to clients too slow to read them (TCP and WebSocket).",
       count(stats.pushes_dropped_total)},
      {"liaison_event_streams_open", "gauge", "Pages following /events now.", count(stats.event_streams_open)},
      {"liaison_event_streams_dropped_total", "counter",
       "Event streams closed because their page read too slowly (it reconnects).",
       count(stats.event_streams_dropped_total)},
  };
  write_series(out, counts, service_label);

  const auto latency = stats.reply_latency.snapshot();
  family(out, "liaison_reply_seconds", "histogram", "Time from a message's arrival to its reply's send.");
  for (std::size_t i = 0; i < latency.at_most.size(); ++i)
    sample(out, "liaison_reply_seconds_bucket",
           fmt::format("{{service=\"{}\",le=\"{}\"}}", service, net::ReplyLatency::bounds_seconds[i]),
           latency.at_most[i]);
  sample(out, "liaison_reply_seconds_bucket", fmt::format("{{service=\"{}\",le=\"+Inf\"}}", service), latency.count);
  sample(out, "liaison_reply_seconds_sum", service_label, latency.sum_seconds);
  sample(out, "liaison_reply_seconds_count", service_label, latency.count);

  const ProcessStats process = read_process_stats();
  const Series series[] = {
      {"process_cpu_seconds_total", "counter", "User and system CPU time spent, in seconds.", process.cpu_seconds},
      {"process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", process.resident_bytes},
      {"process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", process.virtual_bytes},
      {"process_open_fds", "gauge", "Open file descriptors.", process.open_fds},
      {"process_max_fds", "gauge", "Limit on open file descriptors.", process.max_fds},
      {"process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch, in seconds.",
       process.start_time_seconds},
  };
  write_series(out, series, "");
  return out;
}

}  // namespace liaison::web
