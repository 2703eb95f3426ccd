#include "net/connection_trace.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <utility>

namespace liaison::net {

void trace_line(std::string_view line) {
  // fmt formats the whole line first, then writes it with one locked fwrite.
  fmt::print(stderr, "{}\n", line);
}

ConnectionTrace::ConnectionTrace(core::Lang lang, std::string_view peer, Sink sink)
    : trace_(std::move(sink), lang, std::string(peer) + " ") {}

void ConnectionTrace::closed(core::WireClose why) {
  if (closed_) return;
  closed_ = true;
  trace_.closed(why, elapsed_ms());
}

std::int64_t ConnectionTrace::elapsed_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - opened_).count();
}

}  // namespace liaison::net
