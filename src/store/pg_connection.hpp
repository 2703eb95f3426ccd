// One libpq connection driven by Asio: libpq's asynchronous API
// (PQconnectStart/PQconnectPoll, PQsendQueryParams, PQflush,
// PQconsumeInput/PQisBusy/PQgetResult) with every wait on its socket made
// by an Asio coroutine, so that no call here ever blocks its thread on the
// network -- but for libpq's own name lookup: PQconnectPoll resolves a host
// name with a blocking getaddrinfo() (an IP address, or hostaddr=, avoids
// it). One query at a time: the caller serialises them.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/pg_result.hpp"

namespace liaison::store::pg {

class Connection {
 public:
  // Connects with a libpq URI or key=value string (the PG* environment
  // variables fill what it leaves out). Throws pg::Error with libpq's
  // message: malformed URI, refused connection, password, database...
  boost::asio::awaitable<void> connect(const std::string& conninfo);

  // Runs `sql` and returns its last result. Without parameters several
  // statements may be given (schema steps); with parameters, one, its
  // values always bound, never spliced into the SQL. Throws pg::Error.
  boost::asio::awaitable<Result> query(std::string_view sql, const Params& params = {});

  // Returns once at least one notification (LISTEN) has come, having
  // consumed them all. Throws pg::Error when the server goes away.
  boost::asio::awaitable<void> notifications();

  // False once the server is gone (or never was): only a new connect helps.
  bool usable() const;
  // Forgets the connection (closing its socket): after a timeout its state
  // is unknown.
  void close() { conn_.reset(); }

 private:
  boost::asio::awaitable<void> flush();
  boost::asio::awaitable<Result> next_result();
  [[noreturn]] void fail() const;

  struct Finish {
    void operator()(pg_conn* conn) const;
  };
  std::unique_ptr<pg_conn, Finish> conn_;
};

}  // namespace liaison::store::pg
