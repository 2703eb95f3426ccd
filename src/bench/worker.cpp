#include "bench/worker.hpp"

#include <algorithm>
#include <chrono>

namespace liaison::bench {

using namespace std::chrono_literals;

Worker::Worker(RunState& run, const Plan& plan, Share share, std::size_t connect_batch)
    : run_(run), plan_(plan), connect_batch_(std::max<std::size_t>(1, connect_batch)) {
  for (std::size_t number = share.first; number < share.players; number += share.stride)
    players_.push_back(std::make_unique<SimulatedPlayer>(*this, number, false));
  for (std::size_t number = share.first; number < share.idle; number += share.stride)
    players_.push_back(std::make_unique<SimulatedPlayer>(*this, share.players + number, true));
  live_ = players_.size();
}

void Worker::run() {
  for (std::size_t i = 0; i < connect_batch_; ++i) start_next_connection();
  asio::co_spawn(context_, watchdog(), asio::detached);
  context_.run();
}

void Worker::stop() {
  asio::post(context_, [this] {
    for (auto& player : players_) player->wake();
  });
}

void Worker::start_next_connection() {
  if (next_to_connect_ == players_.size()) return;
  SimulatedPlayer& player = *players_[next_to_connect_++];
  asio::co_spawn(context_, player.run(), asio::detached);
}

void Worker::connection_settled() {
  run_.settled.fetch_add(1, std::memory_order_relaxed);
  start_next_connection();
}

void Worker::record_guess(Clock::duration latency) {
  bump(stats_.guesses);
  if (run_.now() != Phase::measuring) return;
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(latency).count();
  stats_.latency.record(static_cast<std::uint64_t>(std::max<decltype(us)>(us, 0)));
}

// Deadlines are checked a few times per timeout (at most every 100 ms), for
// all players at once: one timer for the thread instead of one per operation.
asio::awaitable<void> Worker::watchdog() {
  const auto tick = std::clamp<Clock::duration>(plan_.timeout / 4, 1ms, 100ms);
  asio::steady_timer timer(context_);
  while (live_ > 0) {
    timer.expires_after(tick);
    co_await timer.async_wait(nothrow);
    const auto now = Clock::now();
    for (auto& player : players_) player->enforce_deadline(now);
  }
}

}  // namespace liaison::bench
