// One thread of `liaison bench`: its own io_context, its share of the players,
// its statistics, and a watchdog that enforces the players' deadlines.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "net/asio.hpp"
#include "bench/simulated_player.hpp"
#include "bench/run_state.hpp"
#include "bench/stats.hpp"

namespace liaison::bench {

// Which players a worker runs: every `stride`-th one from `first`.
struct Share {
  std::size_t first = 0;
  std::size_t stride = 1;
  std::size_t players = 0;  // in the whole run
  std::size_t idle = 0;     // in the whole run
};

class Worker {
 public:
  Worker(RunState& run, const Plan& plan, Share share, std::size_t connect_batch);

  // On the worker's own thread: runs until every player has ended.
  void run();
  // From any thread, once the phase is `stopping`: wakes the waiting players.
  void stop();

  // For the players.
  const Plan& plan() const { return plan_; }
  asio::io_context& context() { return context_; }
  bool stopping() const { return run_.now() == Phase::stopping; }
  void record_guess(Clock::duration latency);
  void record_game() { bump(stats_.games); }
  void record_idle_answer() { bump(stats_.idle_answered); }
  void record_error(ErrorKind kind, std::string_view what) { stats_.record_error(kind, what); }
  void connection_settled();  // greeted or failed: the next connection may start
  void player_ended() { --live_; }

  ThreadStats& stats() { return stats_; }

 private:
  void start_next_connection();
  asio::awaitable<void> watchdog();

  RunState& run_;
  Plan plan_;
  std::size_t connect_batch_;
  asio::io_context context_{1};  // one thread: Asio may skip its locks
  std::vector<std::unique_ptr<SimulatedPlayer>> players_;
  std::size_t next_to_connect_ = 0;
  std::size_t live_ = 0;
  ThreadStats stats_;
};

}  // namespace liaison::bench
