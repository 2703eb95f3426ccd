#include "net/commit_wait.hpp"

#include <chrono>
#include <memory>

namespace liaison::net {

// The wake-up is posted to this coroutine's thread. Its state is shared
// because it may still be queued when the server stops; it holds no Asio
// object, and the timer it cancels lives in this coroutine, which cannot end
// before the wake-up has run.
asio::awaitable<bool> wait_committed(core::DeferredCommits& commits, core::CommitTicket ticket,
                                     const asio::any_io_executor& executor) {
  struct Wake {
    asio::steady_timer* timer = nullptr;
    bool committed = false;
  };
  asio::steady_timer timer(executor, std::chrono::steady_clock::time_point::max());
  const auto wake = std::make_shared<Wake>(Wake{.timer = &timer, .committed = false});
  commits.when_committed(ticket, [wake, executor](bool committed) {
    asio::post(executor, [wake, committed] {
      wake->committed = committed;
      wake->timer->cancel();
    });
  });
  co_await timer.async_wait(nothrow);
  co_return wake->committed;
}

}  // namespace liaison::net
