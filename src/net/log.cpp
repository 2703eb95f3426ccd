#include "net/log.hpp"

#include <fmt/chrono.h>

#include <chrono>
#include <cstdio>

namespace liaison::net {

void log_line(std::string_view line) {
  const auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  fmt::print(stderr, "{:%Y-%m-%dT%H:%M:%S}Z {}\n", now, line);
}

}  // namespace liaison::net
