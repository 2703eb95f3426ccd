// One round across servers in PostgreSQL (core/shared_round.hpp): the servers
// started with the same `--room NAME` on the same database play one round,
// whose truth is the row liaison.rooms NAME (pg_migrations.cpp, steps 4 and 5).
//
// - The first finder is decided by the database: a find is one conditional
//   UPDATE (finders + 1, in that round, unless it is over) whose result is
//   the finder's rank; no server ranks anyone itself.
// - One server keeps the round's clock under a lease in the row (owner and
//   expiry, on the database's clock): it ends the grace time, the pause, and
//   starts the next round with a new secret. Every server tries to renew or
//   take the lease every lease/3 with one conditional UPDATE, so when the
//   owner dies another takes the clock within about a lease.
// - Each server keeps its count of players still searching in
//   liaison.room_servers: once the round has a finder and every living
//   server's count is 0, the grace time ends at once, as on one server.
// - Every change notifies `liaison_rooms`; each server LISTENs (pg_watch.hpp)
//   and reads the row again, and again after every reconnection.
//
// Everything runs on a thread of the room's own with its own connections
// (blocking there, never on a game loop); the answers are given through the
// callbacks, on that thread: the caller hands them to the room's loop.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/bounds.hpp"
#include "core/juste_prix.hpp"
#include "core/shared_round.hpp"
#include "store/backoff.hpp"

namespace liaison::store {

namespace pg {
class Client;
class Watch;
}  // namespace pg

struct PgRoomSettings {
  std::string name;
  core::Bounds bounds;
  std::chrono::milliseconds grace{15'000};
  std::chrono::milliseconds pause{5'000};
  std::chrono::milliseconds lease{3'000};  // the clock's owner renews it every lease/3
  Backoff::Settings backoff;
};

class PgRoom final : public core::SharedRound {
 public:
  struct Callbacks {
    std::function<void(core::SharedRoundState)> state;                          // the round as it now stands
    std::function<void(std::int64_t round, core::MemberId member, int rank)> rank;  // a claim_find's answer
  };

  // Connects (the schema must be up to date: PgStore did it) and creates
  // the room when it is new. Throws pg::Error, one line, when it cannot, or
  // when the room exists with other bounds than `settings.bounds`.
  PgRoom(const std::string& conninfo, PgRoomSettings settings, core::SecretSource secrets);
  // Stops the thread: no callback runs after it.
  ~PgRoom();
  PgRoom(const PgRoom&) = delete;
  PgRoom& operator=(const PgRoom&) = delete;

  // The round as it stood at start-up: for the room, before it serves.
  const core::SharedRoundState& first_state() const { return first_state_; }
  // Starts the thread (and listening); the state comes again at once.
  void start(Callbacks callbacks);

  void claim_find(std::int64_t round, core::MemberId member, const core::SharedFind& find) override;
  void searching(std::int64_t round, std::size_t players) override;

  // This process's name in the lease (random).
  const std::string& server_id() const { return server_id_; }

 private:
  struct Claim {
    std::int64_t round;
    core::MemberId member;
    core::SharedFind find;
  };
  struct Searching {
    std::int64_t round;
    std::size_t players;
  };
  using Clock = std::chrono::steady_clock;

  void run();
  int rank_of(const Claim& claim);
  // This server's players still searching; may end the grace time (searching_sql).
  void tell_searching(const Searching& count);
  // Renews or takes the lease, and moves the clock on when its deadline has
  // passed; when to tick next.
  Clock::duration tick();
  void join_room();
  core::SharedRoundState read_state();
  pg::Client& client();

  const std::string conninfo_;
  const PgRoomSettings settings_;
  core::SecretSource secrets_;
  const std::string server_id_;
  Callbacks callbacks_;
  std::unique_ptr<pg::Client> client_;  // the thread's only, once started
  Backoff backoff_;
  core::SharedRoundState first_state_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Claim> claims_;
  std::optional<Searching> searching_;  // the latest count, not told yet
  bool read_ = true;  // the row must be read again
  bool stopping_ = false;

  std::thread thread_;
  std::unique_ptr<pg::Watch> watch_;
};

}  // namespace liaison::store
