// Test support: GameRecords as the juste prix server records them (secret 42
// in 1..100), to fill a score store.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/score_store.hpp"

namespace liaison::testing {

// A solo game, won: solo games are recorded when found.
inline core::GameRecord solo_game(std::string nickname, int tries, std::chrono::milliseconds duration) {
  return {.mode = core::GameMode::solo,
          .nickname = std::move(nickname),
          .round = 0,
          .min = 1,
          .max = 100,
          .secret = 42,
          .found = true,
          .tries = tries,
          .duration = duration,
          .rank = 0};
}

// One player's part in a round: `rank` 1 won it, 2 found second..., 0 did
// not find before the round ended.
inline core::GameRecord round_game(std::string nickname, std::int64_t round, int rank, int tries,
                                   std::chrono::milliseconds duration) {
  return {.mode = core::GameMode::round,
          .nickname = std::move(nickname),
          .round = round,
          .min = 1,
          .max = 100,
          .secret = 42,
          .found = rank > 0,
          .tries = tries,
          .duration = duration,
          .rank = rank};
}

}  // namespace liaison::testing
