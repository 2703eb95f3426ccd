#include "bench/process_probe.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace liaison::bench {
namespace {

// Fields 14 and 15 of /proc/PID/stat, in clock ticks. The command name
// (field 2, in parentheses) may hold spaces, so we count from its ")".
std::optional<std::uint64_t> cpu_us_of(int pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(file, stat)) return std::nullopt;
  const auto name_end = stat.rfind(')');
  if (name_end == std::string::npos) return std::nullopt;
  std::istringstream fields(stat.substr(name_end + 1));
  std::string skipped;
  for (int field = 3; field <= 13; ++field) fields >> skipped;
  std::uint64_t utime = 0, stime = 0;
  if (!(fields >> utime >> stime)) return std::nullopt;
  const auto ticks_per_s = static_cast<std::uint64_t>(::sysconf(_SC_CLK_TCK));
  return (utime + stime) * 1'000'000 / ticks_per_s;
}

// "VmRSS:	    5120 kB" -> 5120
std::uint64_t status_kib(const std::string& status, const std::string& key) {
  const auto at = status.find(key + ":");
  if (at == std::string::npos) return 0;
  return std::stoull(status.substr(at + key.size() + 1));
}

}  // namespace

std::optional<ProcessSample> sample_process(int pid) {
  const auto cpu_us = cpu_us_of(pid);
  if (!cpu_us) return std::nullopt;
  std::ifstream file("/proc/" + std::to_string(pid) + "/status");
  std::ostringstream status;
  status << file.rdbuf();
  return ProcessSample{.cpu_us = *cpu_us,
                       .rss_kib = status_kib(status.str(), "VmRSS"),
                       .hwm_kib = status_kib(status.str(), "VmHWM")};
}

std::uint64_t own_cpu_us() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto us = [](const timeval& time) {
    return static_cast<std::uint64_t>(time.tv_sec) * 1'000'000 + static_cast<std::uint64_t>(time.tv_usec);
  };
  return us(usage.ru_utime) + us(usage.ru_stime);
}

std::uint64_t raise_open_file_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
  return static_cast<std::uint64_t>(limit.rlim_cur);
}

}  // namespace liaison::bench
