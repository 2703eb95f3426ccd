#include "net/commit_wait.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/any_completion_handler.hpp>

namespace liaison::net {
namespace {

// For a store that commits on the caller's thread (SQLite): the finished
// games of one turn of an event loop, committed together on that loop. The
// first reply of a turn that waits for a game posts one commit, which runs
// after the handlers already queued (the rest of the turn); every reply of
// the turn waits for it, and the commit resumes them itself, one after the
// other, each sending its reply at once: no timer, no second trip through
// the loop's queue (which, at a thousand busy players, made every "Gagné"
// wait a whole extra turn). No other thread, no lock held across threads,
// no wake-up per game.
//
// A quiet loop's turns are short: when many games end at once (a class that
// started together), each turn would hold one game and pay a transaction of
// its own. So a loop commits at most once per `spacing`: a game that ends
// sooner after the last commit waits for the rest of that spacing, with the
// games that end meanwhile. A game ending on a calm loop is committed at once.
//
// One per io_context (an Asio service: it lives and dies with the loop),
// which one thread runs, as every liaison loop.
class TurnCommits final : public asio::execution_context::service {
 public:
  static constexpr std::chrono::microseconds spacing{1000};

  static inline asio::execution_context::id id;
  explicit TurnCommits(asio::execution_context& context) : service(context) {}

  // Returns once everything up to `ticket` is committed: true, or false
  // when the store could not write it.
  asio::awaitable<bool> wait(core::DeferredCommits& commits, core::CommitTicket ticket,
                             const asio::any_io_executor& executor) {
    for (;;) {
      co_await next_commit(commits, executor);
      if (const auto outcome = commits.outcome(ticket)) co_return *outcome;
    }
  }

 private:
  using Resume = asio::any_completion_handler<void()>;

  // Completes after the next commit of this loop (scheduled if none is).
  asio::awaitable<void> next_commit(core::DeferredCommits& commits, const asio::any_io_executor& executor) {
    return asio::async_initiate<const asio::use_awaitable_t<>&, void()>(
        [this, &commits, executor](Resume resume) {
          waiting_.push_back(std::move(resume));
          if (!commit_due_) schedule_commit(commits, executor);
        },
        asio::use_awaitable);
  }

  void schedule_commit(core::DeferredCommits& commits, const asio::any_io_executor& executor) {
    commit_due_ = true;
    if (!spacing_timer_) spacing_timer_.emplace(executor);
    const auto next = last_commit_ + spacing;
    if (std::chrono::steady_clock::now() >= next) {
      asio::post(executor, [this, &commits] { commit_turn(commits); });
      return;
    }
    spacing_timer_->expires_at(next);
    spacing_timer_->async_wait([this, &commits](const error_code& error) {
      if (!error) commit_turn(commits);
    });
  }

  // Runs on the loop: commits, then resumes every reply that waited, here
  // (each is this loop's coroutine: dispatch runs it at once).
  void commit_turn(core::DeferredCommits& commits) {
    commit_due_ = false;
    commits.commit_here();  // also what another loop or the backstop queued: one ordered log
    last_commit_ = std::chrono::steady_clock::now();
    resuming_.swap(waiting_);  // a resumed reply may wait again: for the next commit
    for (Resume& resume : resuming_) asio::dispatch(std::move(resume));
    resuming_.clear();
  }

  void shutdown() override {
    spacing_timer_.reset();
    waiting_.clear();  // the loop is going: its coroutines with it
  }

  std::vector<Resume> waiting_;   // replies waiting for the next commit
  std::vector<Resume> resuming_;  // kept to reuse its memory
  std::optional<asio::steady_timer> spacing_timer_;  // a commit due later than now
  std::chrono::steady_clock::time_point last_commit_{};
  bool commit_due_ = false;
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

// How long a held reply waits for its last line at most (the database
// answers a rank within its own timeouts; this is the backstop).
constexpr std::chrono::seconds hold_limit{5};

// Waits, on this coroutine's loop, for the line that `ask(deliver)` asks
// for; nullopt after hold_limit. `deliver(line)` must be called on this same
// thread; once the wait is over it refuses the line (returns false).
// (A coroutine's reference parameters are not copied: `ask` is taken by value.)
asio::awaitable<std::optional<std::string>> line_in_time(asio::any_io_executor executor,
                                                         std::function<void(core::HeldLine)> ask) {
  struct Wake {
    asio::steady_timer* timer = nullptr;
    std::optional<std::string> line;
  };
  asio::steady_timer timer(executor, hold_limit);
  const auto wake = std::make_shared<Wake>(Wake{.timer = &timer, .line = std::nullopt});
  ask([wake](std::string line) {
    if (!wake->timer) return false;
    wake->line = std::move(line);
    wake->timer->cancel();
    return true;
  });
  co_await timer.async_wait(nothrow);
  wake->timer = nullptr;
  co_return std::move(wake->line);
}

// The line a held reply waits for (core::Session::hold_reply). The session
// calls back on this thread; a line it is refused, it tells as news instead.
asio::awaitable<std::optional<std::string>> held_line(core::Session& session, asio::any_io_executor executor) {
  std::function<void(core::HeldLine)> ask = [&session](core::HeldLine deliver) {
    session.hold_reply(std::move(deliver));
  };
  co_return co_await line_in_time(executor, std::move(ask));
}

// A slow line (core::Session::take_slow_line), read on `reads`' thread --
// never this loop's, which other players share -- and brought back here.
// A line that comes too late is dropped: the reply already said it was late.
// (The lambdas are named, outside the co_await: GCC 12 destroyed a
// move-captured coroutine parameter twice when they were written inside it.)
asio::awaitable<std::optional<std::string>> slow_line(core::SlowLine read, asio::any_io_executor reads,
                                                      asio::any_io_executor executor) {
  const auto shared = std::make_shared<const core::SlowLine>(std::move(read));
  std::function<void(core::HeldLine)> ask = [shared, reads, executor](core::HeldLine deliver) {
    asio::post(reads, [shared, deliver = std::move(deliver), executor] {
      std::string line = (*shared)();  // on the reads' thread
      asio::post(executor, [deliver, line = std::move(line)] { deliver(line); });
    });
  };
  co_return co_await line_in_time(executor, std::move(ask));
}

}  // namespace

asio::awaitable<core::Reply> answer_when_recorded(core::Session& session, const core::Message& message,
                                                  const core::Texts& texts, core::DeferredCommits* commits,
                                                  asio::any_io_executor executor, asio::any_io_executor reads) {
  core::SlowLine slow;
  core::Reply reply = reads ? core::answer(session, message, texts, slow) : core::answer(session, message, texts);
  // The ticket of what this answer recorded, claimed before anything else
  // runs on this thread (see DeferredCommits::claim_ticket).
  if (const core::CommitTicket ticket = commits ? commits->claim_ticket() : 0) {
    const bool recorded =
        commits->commits_here()
            ? co_await asio::use_service<TurnCommits>(asio::query(executor, asio::execution::context))
                  .wait(*commits, ticket, executor)
            : co_await wait_committed(*commits, ticket, executor);
    if (!recorded)
      reply.text = std::string(commits->kept_for_later(ticket) ? texts.score_recorded_later : texts.score_not_recorded) +
                   "\n" + reply.text;
  }
  // A reply whose last line needs a read that may wait (/scores).
  if (slow)
    if (auto line = co_await slow_line(std::move(slow), reads, executor)) core::replace_last_line(reply, *line);
  // A reply whose last line waits for the database (a rank in a shared round).
  if (!session.reply_held()) co_return reply;
  if (auto line = co_await held_line(session, executor)) core::replace_last_line(reply, *line);
  co_return reply;
}

}  // namespace liaison::net
