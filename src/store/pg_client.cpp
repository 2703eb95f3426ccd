#include "store/pg_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace liaison::store::pg {
namespace {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;

asio::awaitable<void> expire(std::chrono::milliseconds after) {
  asio::steady_timer timer(co_await asio::this_coro::executor, after);
  co_await timer.async_wait(asio::use_awaitable);
}

// The operation's result or its exception, as a value: Asio's `a || b`
// waits for the first to succeed, so an operation that throws would
// otherwise wait for the deadline.
struct Outcome {
  Result result;
  std::exception_ptr failure;
};

asio::awaitable<Outcome> outcome_of(asio::awaitable<Result> operation) {
  Outcome outcome;
  try {
    outcome.result = co_await std::move(operation);
  } catch (...) {
    outcome.failure = std::current_exception();
  }
  co_return outcome;
}

}  // namespace

Client::Client(std::string conninfo, std::chrono::milliseconds timeout)
    : conninfo_(std::move(conninfo)), timeout_(timeout) {
  run(connect());
}

Result Client::query(std::string_view sql, const Params& params) { return run(connection_.query(sql, params)); }

void Client::reconnect_if_lost() {
  if (!connection_.usable()) run(connect(), std::min(timeout_, reconnect_timeout));
}

asio::awaitable<Result> Client::connect() {
  co_await connection_.connect(conninfo_);
  // Nicknames are UTF-8 whatever the database's own encoding.
  Result set = co_await connection_.query("SET client_encoding TO 'UTF8'");
  co_return set;
}

// The operation races its deadline on this client's io_context, run here
// until one of them ends (the loser is cancelled).
Result Client::run(asio::awaitable<Result> operation) { return run(std::move(operation), timeout_); }

Result Client::run(asio::awaitable<Result> operation, std::chrono::milliseconds timeout) {
  std::optional<std::variant<Outcome, std::monostate>> ended;
  io_.restart();
  asio::co_spawn(io_, outcome_of(std::move(operation)) || expire(timeout),
                 [&ended](std::exception_ptr, std::variant<Outcome, std::monostate> first) { ended = std::move(first); });
  io_.run();
  if (!ended || ended->index() == 1) {
    connection_.close();  // an answer may still come: its state is unknown
    throw Error("no answer from the server within " + std::to_string(timeout.count()) + " ms");
  }
  Outcome& outcome = std::get<Outcome>(*ended);
  if (outcome.failure) std::rethrow_exception(outcome.failure);
  return std::move(outcome.result);
}

Transaction::Transaction(Client& client) : client_(client) { client_.query("BEGIN"); }

Transaction::~Transaction() {
  if (done_) return;
  try {
    client_.query("ROLLBACK");
  } catch (const Error&) {
    // The connection is gone: so is the transaction.
  }
}

void Transaction::commit() {
  client_.query("COMMIT");
  done_ = true;
}

}  // namespace liaison::store::pg
