// What the games remember: every finished game, and the leaderboard built from
// them. The core owns this interface; src/store/ implements it (SQLite today).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace liaison::core {

enum class GameMode { solo, round };

// One finished game of one player: a solo game won, or one player's part in a
// multiplayer round (found or not when the round ended).
struct GameRecord {
  GameMode mode = GameMode::solo;
  std::string nickname;                 // empty: an anonymous solo player
  std::int64_t round = 0;               // the round's number (rounds only)
  std::int64_t min = 1;
  std::int64_t max = 100;
  std::int64_t secret = 0;
  bool found = false;
  int tries = 0;                        // valid guesses
  std::chrono::milliseconds duration{}; // from the game's start to the find (or the round's end)
  int rank = 0;                         // 1 = won the round; 0 = not found or solo
};

// A recorded game and when it was recorded ("2026-12-02T14:03:27.512Z", UTC).
struct FinishedGame {
  GameRecord game;
  std::string finished_at;
};

// One line of the leaderboard: named players only, best first (rounds won,
// then games found, then fewer tries on average, then the fastest find).
struct LeaderboardRow {
  std::string nickname;
  std::int64_t rounds_won = 0;
  std::int64_t games_found = 0;
  std::int64_t games = 0;
  double average_tries = 0;                           // over the games found
  std::optional<std::chrono::milliseconds> best_time; // fastest find
};

// What record() throws when the store cannot be reached at all (a database
// server down): no game of the batch is at fault, so trying them one by one
// would not help.
// `kept`: the store keeps the games and writes them once it can (PostgreSQL's
// queue of games waiting): not recorded yet, but not lost.
class StoreUnavailable : public std::runtime_error {
 public:
  explicit StoreUnavailable(const std::string& what, bool kept = false) : std::runtime_error(what), kept_(kept) {}
  bool kept() const { return kept_; }

 private:
  bool kept_;
};

class ScoreStore {
 public:
  virtual ~ScoreStore() = default;
  // Records games in one transaction: all of them or none. Throws on failure.
  virtual void record(const std::vector<GameRecord>& games) = 0;
  // The `count` best named players.
  virtual std::vector<LeaderboardRow> leaderboard(std::size_t count) = 0;
  // The last `count` games recorded, oldest first (the class's results).
  virtual std::vector<FinishedGame> history(std::size_t count) = 0;
};

// A store that commits in the background (store/group_commit_store.hpp):
// record() returns at once, and a transport holds the reply that announces
// a finished game until that game is committed, so that a crash never loses
// a game its player was told about.
using CommitTicket = std::uint64_t;  // 0: nothing to wait for

class DeferredCommits {
 public:
  virtual ~DeferredCommits() = default;
  // The ticket of what this thread recorded since it last asked (0: nothing).
  // A session records while it answers: ask right after the answer.
  virtual CommitTicket claim_ticket() = 0;
  // Calls `done(committed)`, from any thread, once everything up to `ticket`
  // is committed (true) or its transaction failed (false).
  virtual void when_committed(CommitTicket ticket, std::function<void(bool committed)> done) = 0;

  // A store that can commit on the caller's thread (SQLite: an append to its
  // log, no fsync) says so; then a transport may batch the hand-off: once per
  // turn of its event loop, commit_here() writes everything recorded so far,
  // and outcome() tells each waiting reply how its games went, with no other
  // thread involved (src/net/commit_wait.cpp).
  virtual bool commits_here() const { return false; }
  virtual void commit_here() {}
  // true: `ticket` is committed; false: its transaction failed; nullopt: not yet.
  virtual std::optional<bool> outcome(CommitTicket /*ticket*/) { return std::nullopt; }
  // A ticket whose transaction failed, but whose games the store keeps and
  // writes once it can: the player is told "not yet", not "not recorded".
  virtual bool kept_for_later(CommitTicket /*ticket*/) { return false; }
};

}  // namespace liaison::core
