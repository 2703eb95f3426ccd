// One line per event on stderr, with a UTC timestamp. Never flushes per line
// beyond what stderr does (it is unbuffered, each line is one write).
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <string_view>

namespace liaison::net {

void log_line(std::string_view line);

template <typename... Args>
void log(fmt::format_string<Args...> format, Args&&... args) {
  log_line(fmt::format(format, std::forward<Args>(args)...));
}

// What happens to connections ("connect", "disconnect", "denied", "refused"),
// a line each -- up to connection_lines_per_second in a second. Past that (a
// whole school connecting at once) they are counted instead, and a line says
// how many of each were left out: the next second's first, or the one
// flush_connection_log() writes (the server calls it every second).
// Thread-safe: every loop of the server logs here.
inline constexpr std::size_t connection_lines_per_second = 100;

void log_connection(std::string_view what, std::string_view details);

template <typename... Args>
void log_connection(std::string_view what, fmt::format_string<Args...> format, Args&&... args) {
  log_connection(what, std::string_view(fmt::format(format, std::forward<Args>(args)...)));
}

// Writes how many connection lines were left out, if any were.
void flush_connection_log();

}  // namespace liaison::net
