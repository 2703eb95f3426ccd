// Test support: a named player who wins solo games by bisection, the
// lesson's way, against a juste prix server.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "support/client.hpp"

namespace liaison::testing {

inline bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// Plays one solo game by bisection on a client past its greeting; returns
// the last reply ("Gagné...", or what ended the game otherwise).
inline std::string win_game(Client& client) {
  std::int64_t low = 1, high = 100;
  std::string reply;
  for (int tries = 0; tries < 10; ++tries) {
    const std::int64_t guess = (low + high) / 2;
    reply = converse(client, std::to_string(guess));
    if (contains(reply, "C'est plus")) low = guess + 1;
    else if (contains(reply, "C'est moins")) high = guess - 1;
    else break;
  }
  return reply;
}

// Plays `games` solo games as `nickname`; returns once the last "Gagné" is read.
inline void play_games(std::uint16_t port, const std::string& nickname, int games) {
  Client client(port);
  client.recv_once();
  ASSERT_EQ(converse(client, "/nick " + nickname), "Vous êtes maintenant " + nickname + ".");
  for (int game = 0; game < games; ++game) {
    const std::string reply = win_game(client);
    ASSERT_TRUE(contains(reply, "Gagné")) << reply;
    if (game + 1 < games) converse(client, "o");
  }
}

}  // namespace liaison::testing
