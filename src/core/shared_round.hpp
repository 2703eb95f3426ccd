// One round across servers (`serve --mode partie --room NAME`): several
// servers' parties play the same round, whose state is held elsewhere (a
// database, src/store/pg_room.hpp). The core owns this interface, as it owns
// ScoreStore: the partie asks through it, and the answers come back as calls
// into the partie (Partie::on_shared_round, Partie::on_rank) on the room's
// own thread. Nothing here decides a rank or reads a clock: whoever
// implements it does, once for every server.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/room.hpp"

namespace liaison::core {

// A find, as every server tells it: rank 1 = the winner.
struct SharedFind {
  int rank = 0;
  std::string nickname;
  int tries = 0;
  std::chrono::milliseconds time{};
};

enum class SharedPhase { playing, grace, pause };

// The round as the shared state holds it.
struct SharedRoundState {
  std::int64_t round = 0;
  std::int64_t secret = 0;
  SharedPhase phase = SharedPhase::playing;
  std::chrono::milliseconds left{};  // until the end of the grace time or of the pause
  std::vector<SharedFind> finds;     // this round's finds made on the other servers, by rank
};

// The rank of a find whose claim got no answer (the database unreachable).
inline constexpr int rank_unknown = -1;

class SharedRound {
 public:
  // `member` found round `round`'s secret: asks for its rank, which comes
  // back as Partie::on_rank(round, member, rank) -- 1 for the first finder
  // on any server, 0 when the round had already ended, rank_unknown when no
  // answer came. `find.rank` is not read.
  virtual void claim_find(std::int64_t round, MemberId member, const SharedFind& find) = 0;
  // How many of this server's players still search round `round` (present,
  // not found), told whenever it changes. Once a round has a finder and no
  // server has anyone left searching, its grace time ends early, as a
  // single server's round ends when everyone has found it.
  virtual void searching(std::int64_t round, std::size_t players) = 0;

 protected:
  ~SharedRound() = default;
};

}  // namespace liaison::core
