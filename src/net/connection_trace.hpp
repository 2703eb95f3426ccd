// `serve --trace` and `connect --trace`: every message of one connection,
// live, as `check` shows it in its transcripts (core::WireTrace): direction,
// time since the connection opened, byte count, the text with its invisible
// characters shown, then the close. Made only when tracing is on: a
// connection without one pays a null-pointer check, nothing more.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "core/texts.hpp"
#include "core/wire_transcript.hpp"

namespace liaison::net {

// One whole line on stderr in one write: the lines of connections served by
// different threads never mix.
void trace_line(std::string_view line);

class ConnectionTrace {
 public:
  using Sink = std::function<void(std::string_view line)>;

  // `peer` ("127.0.0.1:51234") starts every line; the clock starts now.
  ConnectionTrace(core::Lang lang, std::string_view peer, Sink sink = trace_line);

  void sent(std::string_view bytes) { trace_.sent(bytes, elapsed_ms()); }
  void received(std::string_view bytes) { trace_.received(bytes, elapsed_ms()); }
  // The last line; a connection closes once: later calls say nothing.
  void closed(core::WireClose why);

 private:
  std::int64_t elapsed_ms() const;

  std::chrono::steady_clock::time_point opened_ = std::chrono::steady_clock::now();
  core::WireTrace trace_;
  bool closed_ = false;
};

}  // namespace liaison::net
