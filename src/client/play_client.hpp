// `liaison play`: the juste prix client the lesson asks for. It talks to the
// game server in lines: interactively for a person, or alone by bisection.
#pragma once

#include <cstdint>
#include <string>

#include "core/texts.hpp"

namespace liaison::client {

struct PlayOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 50000;
  bool automatic = false;  // --auto: play by bisection, print every move
  int games = 1;           // --auto: games to win before answering no
  double timeout_seconds = 10;
  core::Lang lang = core::Lang::fr;
};

// Returns the exit code: 0 once the server said FIN; 1 when the connection
// fails or the server closes early, goes silent or answers something unexpected.
int run_play_client(const PlayOptions& options);

}  // namespace liaison::client
