// How a transport's writer coroutine sleeps until there is something to do:
// a timer that never expires, cancelled by whoever queues something (or
// stops the connection). A wake() while nobody waits is not remembered: the
// writer looks at its queue before each wait().
#pragma once

#include <chrono>

#include "net/asio.hpp"

namespace liaison::net {

class Wakeup {
 public:
  explicit Wakeup(const asio::any_io_executor& executor) : timer_(executor) {}

  asio::awaitable<void> wait() {
    timer_.expires_at(std::chrono::steady_clock::time_point::max());
    co_await timer_.async_wait(nothrow);
  }
  void wake() { timer_.cancel(); }

 private:
  asio::steady_timer timer_;
};

}  // namespace liaison::net
