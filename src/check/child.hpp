// A student's program, started the way the checks need it: on a
// pseudo-terminal (a client, typed at like a person) or with its output on a
// pipe (a server). Untrusted: it runs in a fresh temporary directory, in a
// process group of its own, under CPU-time, memory and file-size limits; its
// captured output is capped; the whole group is killed and reaped when the
// Child goes, so no process is ever left behind.
#pragma once

#include <sys/types.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "net/asio.hpp"

namespace liaison::check {

using Clock = std::chrono::steady_clock;

struct Limits {
  std::chrono::seconds cpu{20};
  std::size_t memory_bytes = std::size_t{1} << 30;
  std::size_t output_cap = 256 * 1024;  // the last bytes kept; the rest is counted
};

// On SIGINT, SIGTERM or SIGHUP, kills the process group of every Child still
// running, then dies of the signal: Ctrl-C on a check leaves nothing behind.
void kill_children_on_signal();

class Child : public std::enable_shared_from_this<Child> {
 public:
  // nullptr and `error` set when it could not start (no such command: the
  // exec fails in the child, which exits 127 — seen as an exit, not here).
  static std::shared_ptr<Child> start(asio::any_io_executor executor, const std::vector<std::string>& argv,
                                      bool terminal, const Limits& limits, std::string& error);
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // Types `text` on its terminal (nothing when it is not on one).
  void type(const std::string& text);
  // It has woken since the last type(): the line is taken (even if it is
  // already back in read() for the next one).
  bool took_typed() const { return typed_sleeps_ && sleeps_now() > *typed_sleeps_; }
  // Waits until `ready()` or its exit or `timeout`; true when ready() held.
  template <typename Ready>
  asio::awaitable<bool> wait_until(Ready ready, Clock::duration timeout);
  // Once it has ended: until all it wrote has been read (its terminal or pipe
  // closed), at most `timeout`; true when it was. Its exit is seen before
  // its last output is.
  asio::awaitable<bool> output_read(Clock::duration timeout);
  // True when it waits in read() on its standard input (Linux: /proc).
  bool waits_for_input() const;
  // True once it waits on us: every thread asleep in a wait with no time
  // limit (check/program_state.hpp), unchanged for a moment, and the last
  // line typed taken. It can then neither say nor do anything before we give
  // it something, so a wait for it can end now rather than at its limit.
  // Never true where /proc says nothing: the waits then run their course.
  bool waits_on_us();
  // We just gave it something (sent, connected): its waiting must be seen
  // anew, after this, before waits_on_us() says so.
  void gave_input() { waiting_sleeps_.reset(); }

  const std::string& output() const { return output_; }
  std::size_t output_seen() const { return output_total_; }  // bytes, the dropped ones included
  Clock::time_point last_output() const { return last_output_; }
  std::optional<int> exit_status() const { return status_; }  // 128+N for signal N
  // Reaps it now if it has ended (rather than at the reaper's next round).
  std::optional<int> poll_exit();
  std::vector<std::string> last_lines(std::size_t count) const;

  void kill_group();
  // Kills the group and stops reading its output: its coroutines end soon.
  void stop();

 private:
  Child(asio::any_io_executor executor, pid_t pid, int fd, Limits limits, std::filesystem::path dir);
  asio::awaitable<void> read_output();
  asio::awaitable<void> reap();
  bool try_reap();
  void keep(std::string_view bytes);
  void changed() { changed_.cancel(); }
  long sleeps_now() const;

  pid_t pid_;
  asio::posix::stream_descriptor output_fd_;
  asio::steady_timer changed_;
  Limits limits_;
  std::filesystem::path dir_;
  std::string output_;
  std::size_t output_total_ = 0;
  Clock::time_point last_output_ = Clock::now();
  std::optional<int> status_;
  bool reaped_ = false;
  bool output_closed_ = false;  // every writer of its terminal or pipe has gone, all read
  // waits_on_us(): the state last seen, since when, and the sleeps when a line was typed.
  std::optional<long> waiting_sleeps_;
  Clock::time_point waiting_since_;
  std::optional<long> typed_sleeps_;
  std::vector<pid_t> group_;  // its other processes, as last seen
};

template <typename Ready>
asio::awaitable<bool> Child::wait_until(Ready ready, Clock::duration timeout) {
  using namespace asio::experimental::awaitable_operators;
  const auto deadline = Clock::now() + timeout;
  auto self = shared_from_this();
  while (!ready()) {
    if (status_ || Clock::now() >= deadline) co_return ready();
    asio::steady_timer timer(changed_.get_executor(),
                                  std::min(deadline, Clock::now() + std::chrono::milliseconds(10)));
    changed_.expires_at(Clock::time_point::max());
    co_await (changed_.async_wait(nothrow) || timer.async_wait(nothrow));
  }
  co_return true;
}

}  // namespace liaison::check
