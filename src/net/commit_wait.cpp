#include "net/commit_wait.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace liaison::net {
namespace {

// Returns once everything up to `ticket` is committed: true, or false when
// the store could not write it. The wake-up is posted to this coroutine's
// thread. Its state is shared because it may still be queued when the server
// stops; it holds no Asio object, and the timer it cancels lives in this
// coroutine, which cannot end before the wake-up has run.
asio::awaitable<bool> wait_committed(core::DeferredCommits& commits, core::CommitTicket ticket,
                                     asio::any_io_executor executor) {
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

}  // namespace

asio::awaitable<core::Reply> answer_when_recorded(core::Session& session, const core::Message& message,
                                                  const core::Texts& texts, core::DeferredCommits* commits,
                                                  asio::any_io_executor executor) {
  core::Reply reply = core::answer(session, message, texts);
  // The ticket of what this answer recorded, claimed before anything else
  // runs on this thread (see DeferredCommits::claim_ticket).
  if (const core::CommitTicket ticket = commits ? commits->claim_ticket() : 0) {
    const bool recorded = co_await wait_committed(*commits, ticket, executor);
    if (!recorded) reply.text = std::string(texts.score_not_recorded) + "\n" + reply.text;
  }
  co_return reply;
}

}  // namespace liaison::net
