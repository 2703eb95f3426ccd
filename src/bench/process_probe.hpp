// What another process (the server under test) costs, read from Linux /proc:
// its CPU time (user + system, all threads) and its resident memory.
#pragma once

#include <cstdint>
#include <optional>

namespace liaison::bench {

struct ProcessSample {
  std::uint64_t cpu_us = 0;   // utime + stime from /proc/PID/stat
  std::uint64_t rss_kib = 0;  // VmRSS from /proc/PID/status
  std::uint64_t hwm_kib = 0;  // VmHWM: the peak of VmRSS
};

// nullopt when the process does not exist (or this is not Linux).
std::optional<ProcessSample> sample_process(int pid);

// CPU time (user + system) of this process so far.
std::uint64_t own_cpu_us();

// Raises this process's open-file limit to its hard limit; returns the limit
// now in force.
std::uint64_t raise_open_file_limit();

}  // namespace liaison::bench
