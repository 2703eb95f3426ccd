#include "net/commit_wait.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace liaison::net {
namespace {

// For a store that commits on the caller's thread (SQLite): the finished
// games of one turn of an event loop, committed together on that loop. The
// first reply of a turn that waits for a game posts one commit, which runs
// after the handlers already queued (the rest of the turn); every reply of
// the turn waits on the same timer, and the commit cancels it. No other
// thread, no lock held across threads, no wake-up per game: the cost of the
// hand-off is one posted handler and one transaction per turn.
//
// One per io_context (an Asio service: it lives and dies with the loop),
// which one thread runs, as every liaison loop.
class TurnCommits final : public asio::execution_context::service {
 public:
  static inline asio::execution_context::id id;
  explicit TurnCommits(asio::execution_context& context) : service(context) {}

  // Returns once everything up to `ticket` is committed: true, or false
  // when the store could not write it.
  asio::awaitable<bool> wait(core::DeferredCommits& commits, core::CommitTicket ticket,
                             const asio::any_io_executor& executor) {
    if (!timer_) timer_.emplace(executor, std::chrono::steady_clock::time_point::max());
    for (;;) {
      if (!commit_posted_) {
        commit_posted_ = true;
        asio::post(executor, [this, &commits] { commit_turn(commits); });
      }
      co_await timer_->async_wait(nothrow);
      if (const auto outcome = commits.outcome(ticket)) co_return *outcome;
    }
  }

 private:
  void commit_turn(core::DeferredCommits& commits) {
    commit_posted_ = false;
    commits.commit_here();  // also what another loop or the backstop queued: one ordered log
    if (timer_) timer_->cancel();
  }

  void shutdown() override { timer_.reset(); }

  std::optional<asio::steady_timer> timer_;
  bool commit_posted_ = false;
};

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
    const bool recorded =
        commits->commits_here()
            ? co_await asio::use_service<TurnCommits>(asio::query(executor, asio::execution::context))
                  .wait(*commits, ticket, executor)
            : co_await wait_committed(*commits, ticket, executor);
    if (!recorded) reply.text = std::string(texts.score_not_recorded) + "\n" + reply.text;
  }
  co_return reply;
}

}  // namespace liaison::net
