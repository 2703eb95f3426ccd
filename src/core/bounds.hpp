// The rule of the juste prix, written once: the range the secret is drawn
// from, what the server answers to a guess, and what that answer leaves
// possible. The solo game, the partie's round, the bisection player and the
// page's open range all use it.
#pragma once

#include <cstdint>
#include <optional>

namespace liaison::core {

struct Bounds {
  std::int64_t min = 1;
  std::int64_t max = 100;

  constexpr bool contains(std::int64_t value) const { return min <= value && value <= max; }
};

// "C'est plus !": the secret is higher than the guess; "C'est moins !": lower.
enum class Verdict { higher, lower, found };

constexpr Verdict judge(std::int64_t guess, std::int64_t secret) {
  if (guess < secret) return Verdict::higher;
  if (guess > secret) return Verdict::lower;
  return Verdict::found;
}

// The numbers still possible once the server said `verdict` about `guess`;
// nullopt when none is left (the answers contradict each other).
constexpr std::optional<Bounds> narrow(Bounds remaining, std::int64_t guess, Verdict verdict) {
  switch (verdict) {
    case Verdict::higher:
      if (guess >= remaining.max) return std::nullopt;
      return Bounds{.min = guess < remaining.min ? remaining.min : guess + 1, .max = remaining.max};
    case Verdict::lower:
      if (guess <= remaining.min) return std::nullopt;
      return Bounds{.min = remaining.min, .max = guess > remaining.max ? remaining.max : guess - 1};
    case Verdict::found:
      if (!remaining.contains(guess)) return std::nullopt;
      return Bounds{.min = guess, .max = guess};
  }
  return std::nullopt;
}

}  // namespace liaison::core
