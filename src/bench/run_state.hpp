// What the coordinating thread and the players' threads share: the phase of
// the run, and how many connections have settled (greeted, or failed).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <optional>
#include <vector>

#include "net/asio.hpp"

namespace liaison::bench {

enum class Phase { connecting, warmup, measuring, stopping };

struct RunState {
  std::atomic<Phase> phase{Phase::connecting};
  std::atomic<std::size_t> settled{0};

  Phase now() const { return phase.load(std::memory_order_relaxed); }
};

// The same for every player of the run.
struct Plan {
  tcp::endpoint server;
  std::vector<asio::ip::address> sources;  // empty: the kernel chooses
  bool line = false;
  std::chrono::steady_clock::duration timeout{};
  // Open loop: time between two intended guesses of one player, and the
  // offset between two players' schedules, so that guesses are spread evenly.
  std::optional<std::chrono::steady_clock::duration> interval;
  std::chrono::steady_clock::duration stagger{};
};

}  // namespace liaison::bench
