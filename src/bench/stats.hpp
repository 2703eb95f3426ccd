// What the players of one thread measured. One writer (the thread); the
// counters are atomics so that the progress line may read them meanwhile.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/latency_histogram.hpp"

namespace liaison::bench {

using Clock = std::chrono::steady_clock;

enum class ErrorKind { refused, timeout, unexpected, closed };
inline constexpr std::size_t error_kinds = 4;
std::string_view name_of(ErrorKind kind);

// Increments a counter that only one thread writes: no locked instruction.
inline void bump(std::atomic<std::uint64_t>& counter) {
  counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

struct Counts {
  std::uint64_t guesses = 0;
  std::uint64_t games = 0;
  std::uint64_t idle_answered = 0;
  std::array<std::uint64_t, error_kinds> errors{};

  std::uint64_t error_total() const;
  Counts& operator+=(const Counts& other);
  Counts operator-(const Counts& before) const;
};

// alignas: each thread's counters on their own cache lines.
struct alignas(64) ThreadStats {
  std::atomic<std::uint64_t> guesses{0};  // every phase; the run subtracts warmup
  std::atomic<std::uint64_t> games{0};
  std::atomic<std::uint64_t> idle_answered{0};
  std::array<std::atomic<std::uint64_t>, error_kinds> errors{};
  core::LatencyHistogram latency;                      // measured phase only
  std::array<std::string, error_kinds> first_error{};  // an example of each kind

  Counts counts() const;
  void record_error(ErrorKind kind, std::string_view what);
};

}  // namespace liaison::bench
