// The juste prix seen from the player's side: how to read the server's
// replies, and how to guess by bisection so as to always win quickly.
// Pure: no socket, no console.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/bounds.hpp"

namespace liaison::core {

// What a line from the juste prix server means, whatever its language.
enum class ReplyKind {
  greeting,         // a new game: "Bienvenue ... entre 1 et 100."
  higher,           // "C'est plus !" / "Higher!": the secret is above the guess
  lower,            // "C'est moins !" / "Lower!": the secret is below the guess
  won,              // "Gagné ! ..." / "You won! ...", then the replay question
  replay_question,  // the replay question asked again: answer yes or no
  fin_word,         // "FIN": the server ends the conversation (named apart from core::fin, the word)
  invalid,          // anything else: the server explains why a message was refused
};

ReplyKind classify_reply(std::string_view reply);

// The bounds a greeting announces, "entre A et B" or "between A and B";
// nullopt when there are none (or A > B).
std::optional<Bounds> parse_bounds(std::string_view greeting);

// The middle of [min, max], rounded down, computed without overflow even for
// the whole int64 range.
std::int64_t midpoint(Bounds bounds);

// Most tries bisection needs to find any secret in `bounds`, the winning
// guess included: floor(log2(n)) + 1 for n numbers (7 for 1..100, 65 for
// every int64). No strategy does better: k tries tell apart 2^k - 1 numbers.
int max_tries(Bounds bounds);

// Plays by bisection: always guesses the middle of what is still possible.
class Guesser {
 public:
  explicit Guesser(Bounds bounds) : remaining_(bounds) {}

  std::int64_t guess() const { return midpoint(remaining_); }
  // Narrows around guess() by the server's answer; false when no number is left.
  bool take(Verdict verdict);
  Bounds remaining() const { return remaining_; }

 private:
  Bounds remaining_;
};

}  // namespace liaison::core
