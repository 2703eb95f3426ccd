#include "net/log.hpp"

#include <fmt/chrono.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

namespace liaison::net {
namespace {

// The connection lines of the current second, and those left out.
class ConnectionLines {
 public:
  void add(std::string_view what, std::string_view details) {
    const std::lock_guard lock(mutex_);
    const std::int64_t second = now_second();
    if (second != second_) {
      write_left_out();
      second_ = second;
      written_ = 0;
    }
    if (written_ < connection_lines_per_second) {
      ++written_;
      log_line(details.empty() ? std::string(what) : fmt::format("{} {}", what, details));
      return;
    }
    for (auto& [kind, count] : left_out_)
      if (kind == what) {
        ++count;
        return;
      }
    left_out_.emplace_back(std::string(what), 1);
  }

  void flush() {
    const std::lock_guard lock(mutex_);
    write_left_out();
  }

 private:
  static std::int64_t now_second() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }

  // "1843 connect, 12 disconnect not shown (over 100 connection lines a second)"
  void write_left_out() {
    if (left_out_.empty()) return;
    std::string counts;
    for (const auto& [kind, count] : left_out_) counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", count, kind);
    log_line(fmt::format("{} not shown (over {} connection lines a second)", counts, connection_lines_per_second));
    left_out_.clear();
  }

  std::mutex mutex_;
  std::int64_t second_ = 0;
  std::size_t written_ = 0;
  std::vector<std::pair<std::string, std::uint64_t>> left_out_;  // a few kinds, in order of first
};

ConnectionLines& connection_lines() {
  static ConnectionLines lines;
  return lines;
}

}  // namespace

void log_line(std::string_view line) {
  const auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  fmt::print(stderr, "{:%Y-%m-%dT%H:%M:%S}Z {}\n", now, line);
}

void log_connection(std::string_view what, std::string_view details) { connection_lines().add(what, details); }

void flush_connection_log() { connection_lines().flush(); }

}  // namespace liaison::net
