// A PostgreSQL connection for callers that wait for the answer, as a
// ScoreStore's callers do (the group-commit writer's thread, `liaison
// scores`): each call runs the client's own io_context on the calling
// thread until the connection (pg_connection.hpp) has its answer or the
// deadline passes. No thread of its own, none per query, and nothing ever
// blocks in libpq: the calling thread sleeps in epoll on libpq's socket.
// Not thread-safe: one caller at a time (PgStore holds a mutex).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <string>
#include <string_view>

#include "store/pg_connection.hpp"

namespace liaison::store::pg {

class Client {
 public:
  static constexpr std::chrono::milliseconds default_timeout{10'000};
  // Connecting again after an outage gives up sooner: a server that does
  // not answer then is most likely still away, and games wait for it.
  static constexpr std::chrono::milliseconds reconnect_timeout{2'000};

  // Connects at once; throws pg::Error (one line) when it cannot.
  explicit Client(std::string conninfo, std::chrono::milliseconds timeout = default_timeout);

  // Runs `sql` (see Connection::query). A query that takes longer than the
  // timeout throws, and the connection is dropped: its state is unknown.
  Result query(std::string_view sql, const Params& params = {});

  // False once the server is known to be gone (see Connection::usable).
  bool connected() const { return connection_.usable(); }

  // Connects again if the server went away since the last call (a restart):
  // call it between transactions only, never inside one.
  void reconnect_if_lost();

 private:
  boost::asio::awaitable<Result> connect();
  Result run(boost::asio::awaitable<Result> operation);
  Result run(boost::asio::awaitable<Result> operation, std::chrono::milliseconds timeout);

  std::string conninfo_;
  std::chrono::milliseconds timeout_;
  boost::asio::io_context io_;
  Connection connection_;
};

// BEGIN ... COMMIT on a client: rolls back unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Client& client);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Client& client_;
  bool done_ = false;
};

}  // namespace liaison::store::pg
