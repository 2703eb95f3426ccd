// One line per event on stderr, with a UTC timestamp. Never flushes per line
// beyond what stderr does (it is unbuffered, each line is one write).
#pragma once

#include <fmt/format.h>

#include <string_view>

namespace liaison::net {

void log_line(std::string_view line);

template <typename... Args>
void log(fmt::format_string<Args...> format, Args&&... args) {
  log_line(fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace liaison::net
