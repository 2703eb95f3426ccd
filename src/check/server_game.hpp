// A game against a student's server, played once by bisection and read by
// several checks: was each reply understood, do the answers agree, was the
// game won in time, and what came after the win.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "check/context.hpp"
#include "check/probe.hpp"
#include "core/reply_reader.hpp"

namespace liaison::check {

struct Turn {
  std::int64_t guess = 0;
  Received reply;
  core::Understood understood;
};

struct ServerGame {
  enum class End { won, unknown_reply, no_reply, closed, contradiction, too_many, no_greeting };
  Received greeting;
  core::Bounds bounds{};
  bool bounds_read = false;
  bool line_framing = false;  // it answered only once messages ended in \n
  std::vector<Turn> turns;
  End end = End::no_greeting;
  Received after_win;  // FIN sent on its own after the win, or the answer to our FIN
  bool closed_after_fin = false;
  std::vector<core::WireMessage> transcript;
};

// Plays one game on `probe`'s new connection to `endpoint`, then says FIN.
asio::awaitable<ServerGame> play_server_game(Probe probe, tcp::endpoint endpoint, Timing timing);

// The message as a server in `framing` expects it.
inline std::string framed(std::string_view text, bool line) { return std::string(text) + (line ? "\n" : ""); }

}  // namespace liaison::check
