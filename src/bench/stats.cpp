#include "bench/stats.hpp"

namespace liaison::bench {

std::string_view name_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::refused: return "refused";
    case ErrorKind::timeout: return "timeout";
    case ErrorKind::unexpected: return "unexpected";
    case ErrorKind::closed: return "closed";
  }
  return "?";
}

std::uint64_t Counts::error_total() const {
  std::uint64_t total = 0;
  for (const std::uint64_t count : errors) total += count;
  return total;
}

Counts& Counts::operator+=(const Counts& other) {
  guesses += other.guesses;
  games += other.games;
  idle_answered += other.idle_answered;
  for (std::size_t kind = 0; kind < error_kinds; ++kind) errors[kind] += other.errors[kind];
  return *this;
}

Counts Counts::operator-(const Counts& before) const {
  Counts difference = *this;
  difference.guesses -= before.guesses;
  difference.games -= before.games;
  difference.idle_answered -= before.idle_answered;
  for (std::size_t kind = 0; kind < error_kinds; ++kind) difference.errors[kind] -= before.errors[kind];
  return difference;
}

Counts ThreadStats::counts() const {
  Counts counts{.guesses = guesses.load(std::memory_order_relaxed),
                .games = games.load(std::memory_order_relaxed),
                .idle_answered = idle_answered.load(std::memory_order_relaxed)};
  for (std::size_t kind = 0; kind < error_kinds; ++kind) counts.errors[kind] = errors[kind].load(std::memory_order_relaxed);
  return counts;
}

void ThreadStats::record_error(ErrorKind kind, std::string_view what) {
  const auto index = static_cast<std::size_t>(kind);
  bump(errors[index]);
  if (first_error[index].empty()) first_error[index] = what;
}

}  // namespace liaison::bench
