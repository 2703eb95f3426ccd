// What happens in the games, as it happens, for whoever shows it (the web
// side's projected page): who is here under which nickname, each valid
// guess, each finished game, and the partie's round as it stands. Sessions
// and rooms report here when given an Activity; nothing in the core needs one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/bounds.hpp"

namespace liaison::core {

// One player's conversation, unique among those alive at the same time.
using PlayerKey = std::uint64_t;

// The partie's round, for a screen: never the secret while it is played.
struct RoundView {
  struct Entrant {
    std::string nickname;
    int tries = 0;
    int rank = 0;  // order of finding; 0: still searching (or left without finding)
    bool present = true;
    bool elsewhere = false;  // a finder on another server (a shared round)
  };
  struct Place {
    std::string nickname;
    int tries = 0;
    std::int64_t time_ms = 0;
  };
  std::int64_t number = 0;
  Bounds bounds;
  Bounds open;           // where the secret can still be, from every guess so far
  bool over = false;     // ended: `secret` and `podium` are known
  std::int64_t secret = 0;
  std::vector<Entrant> entrants;  // in order of arrival
  std::vector<Place> podium;      // the first three finders, once over
  std::size_t found = 0;          // every finder, on every server for a shared round
  // A round across servers (--room) also lists other servers' finders; these
  // count this server's own players only (it does not see the others').
  bool shared = false;
  std::size_t players_here = 0;
  std::size_t found_here = 0;
};

class Activity {
 public:
  virtual ~Activity() = default;
  // A player took a nickname, or changed it.
  virtual void named(PlayerKey player, std::string_view nickname) = 0;
  // A player who had a nickname is gone.
  virtual void left(PlayerKey player) = 0;
  // One valid guess, by anyone.
  virtual void guessed() = 0;
  // A game or a round is finished and handed to the store (a store that
  // commits later tells of its commits itself): the leaderboard may change.
  virtual void game_over() = 0;
  // The round has changed (started, a guess, someone came or went, ended).
  virtual void round_changed(const RoundView& round) = 0;
};

}  // namespace liaison::core
