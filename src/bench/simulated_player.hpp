// One simulated player of `liaison bench`: one connection, one coroutine.
//
// It connects, reads the greeting, then plays by bisection, game after game
// (answering "o" after each win), until the run stops; then it says "n" (right
// after a win) or "FIN" and expects FIN. An idle player only reads the
// greeting, stays silent until the run stops, then sends one guess to prove
// the server still answers it.
//
// Its buffers are members, reused for every message, and a guess is one
// coroutine call (a frame Asio recycles): no allocation per guess. Timeouts
// cost nothing per operation either: the player writes its deadline, and its
// thread's watchdog cancels the socket once the deadline is past.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/framing.hpp"
#include "core/juste_prix.hpp"
#include "net/asio.hpp"
#include "bench/stats.hpp"

namespace liaison::bench {

class Worker;

class SimulatedPlayer {
 public:
  // `number` is the player's rank in the whole run (open-loop schedules are
  // staggered by it).
  SimulatedPlayer(Worker& worker, std::size_t number, bool idle);

  asio::awaitable<void> run();

  // Called by the watchdog: cancels what the player awaits once its deadline is past.
  void enforce_deadline(Clock::time_point now);
  // Called when the run stops: wakes a player waiting for its next send time.
  void wake();

 private:
  enum class Framing { line, raw };

  asio::awaitable<bool> connect_and_greet();
  asio::awaitable<bool> play();
  asio::awaitable<bool> stay_idle();
  asio::awaitable<bool> say_goodbye(std::string_view word);

  asio::awaitable<Clock::time_point> wait_for_turn();
  asio::awaitable<bool> exchange(std::string_view message, Framing framing);
  asio::awaitable<bool> write_rest(std::size_t from, std::size_t size);
  std::size_t frame(std::string_view message, Framing framing);
  std::optional<std::size_t> write_now(std::size_t size);
  enum class ReadOutcome { whole, more, failed };
  ReadOutcome judge(std::size_t received, Framing framing);
  bool take_greeting();
  std::string_view guess_text(std::int64_t guess);

  void arm() { deadline_ = Clock::now() + timeout_; }
  bool settle(const error_code& error, std::string_view doing);
  bool fail(ErrorKind kind, std::string_view what);

  Worker& worker_;
  tcp::socket socket_;
  asio::steady_timer timer_;  // open loop: the next send time; idle: the end of the run
  Clock::duration timeout_;
  Clock::time_point deadline_ = Clock::time_point::max();
  Clock::time_point next_send_{};
  std::size_t number_;
  bool idle_;
  bool timed_out_ = false;
  core::Bounds bounds_{};
  std::string_view reply_;
  std::array<char, 32> out_{};
  std::array<char, core::max_message_bytes + 64> in_{};
};

}  // namespace liaison::bench
