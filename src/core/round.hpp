// One round of multiplayer juste prix: everyone guesses the same secret, each
// with their own tries; finders are ranked in the order they find it. Time to
// find counts from the round's start, or from the player's entry if later.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/activity.hpp"
#include "core/bounds.hpp"
#include "core/juste_prix.hpp"
#include "core/room.hpp"
#include "core/score_store.hpp"

namespace liaison::core {

class Round {
 public:
  Round(std::int64_t number, Bounds bounds, std::int64_t secret, Instant start)
      : number_(number), bounds_(bounds), secret_(secret), start_(start) {}

  struct Guess {
    Verdict verdict = Verdict::higher;
    int tries = 0;
    int rank = 0;  // order of finding, 1 = the winner; 0 until found
    std::chrono::milliseconds time{};
  };

  // A player takes part from `now` (again, if they came back); idempotent.
  void enter(MemberId id, std::string nickname, Instant now);
  void rename(MemberId id, std::string nickname);
  void leave(MemberId id);

  // `value` must be within the bounds; the player must have entered and not found.
  Guess guess(MemberId id, std::int64_t value, Instant now);

  // One round across servers: the rank the shared state gave this finder
  // (Round::pending until it answers; 0: the round had ended, not found).
  static constexpr int pending = -1;
  void place(MemberId id, int rank);
  // A find on another server: on the podium, never in this server's records.
  void found_elsewhere(std::string nickname, int rank, int tries, std::chrono::milliseconds time);

  bool has_found(MemberId id) const;
  int tries(MemberId id) const;
  std::size_t found() const;
  // This server's own players (a shared round also lists other servers'
  // finders), and how many of them found it.
  std::size_t players_here() const;
  std::size_t found_here() const;
  std::size_t players() const { return entrants_.size(); }
  // Players present who have not found it yet.
  std::size_t searching() const;

  // Each player's part, for the scoreboard: everyone who made a guess.
  std::vector<GameRecord> records(Instant end) const;
  // Finders, best first: "1. alice (5 essais, 12,3 s)" pieces are the caller's.
  struct Finder {
    std::string nickname;
    int tries;
    std::chrono::milliseconds time;
  };
  std::vector<Finder> podium(std::size_t count) const;
  // This player's find (tries, time); nullopt when not found.
  std::optional<Finder> finder(MemberId id) const;

  // The round for a screen; the secret and the podium only once `over`.
  RoundView view(bool over) const;

  std::int64_t number() const { return number_; }
  std::int64_t secret() const { return secret_; }
  Bounds bounds() const { return bounds_; }

 private:
  struct Entrant {
    MemberId id;
    std::string nickname;
    Instant entered;
    int tries = 0;
    int rank = 0;
    std::chrono::milliseconds time{};
    bool present = true;
    bool elsewhere = false;  // found on another server (found_elsewhere)
  };
  Entrant* find(MemberId id);
  const Entrant* find(MemberId id) const;

  std::int64_t number_;
  Bounds bounds_;
  std::int64_t secret_;
  Instant start_;
  std::vector<Entrant> entrants_;
  int finders_ = 0;
  Bounds open_ = bounds_;  // narrowed by every "plus" and "moins"
};

}  // namespace liaison::core
