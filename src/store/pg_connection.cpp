#include "store/pg_connection.hpp"

#include <libpq-fe.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace liaison::store::pg {
namespace {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
using asio::posix::stream_descriptor;

enum class Ready { read, write };

// Asio watches libpq's socket only for the time of one wait: the descriptor
// is libpq's, so it is released (never closed), however the wait ends --
// cancelled by a deadline included.
class Watch {
 public:
  Watch(const asio::any_io_executor& executor, pg_conn* conn) : descriptor_(executor) {
    const int fd = PQsocket(conn);
    if (fd < 0) throw Error("the connection has no socket");
    descriptor_.assign(fd);
  }
  ~Watch() { descriptor_.release(); }
  Watch(const Watch&) = delete;
  Watch& operator=(const Watch&) = delete;

  auto wait(Ready ready) {
    return descriptor_.async_wait(ready == Ready::read ? stream_descriptor::wait_read : stream_descriptor::wait_write,
                                  asio::use_awaitable);
  }

 private:
  stream_descriptor descriptor_;
};

// The socket is looked up again for every wait: while connecting, libpq may
// open another one (the next host of the URI, a retry without SSL), as its
// documentation warns.
asio::awaitable<void> wait_until(pg_conn* conn, Ready ready) {
  Watch watch(co_await asio::this_coro::executor, conn);
  co_await watch.wait(ready);
}

asio::awaitable<Ready> wait_for_either(pg_conn* conn) {
  Watch watch(co_await asio::this_coro::executor, conn);
  const auto ready = co_await (watch.wait(Ready::read) || watch.wait(Ready::write));
  co_return ready.index() == 0 ? Ready::read : Ready::write;
}

Error error_of(pg_conn* conn) { return Error(conn ? PQerrorMessage(conn) : "out of memory"); }

// The first error among a query's results (a script of several statements
// stops at its first failure, but every result must still be read).
std::optional<Error> error_in(const Result& result) {
  const ExecStatusType status = PQresultStatus(result.handle());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return std::nullopt;
  const char* sqlstate = PQresultErrorField(result.handle(), PG_DIAG_SQLSTATE);
  return Error(PQresultErrorMessage(result.handle()), sqlstate ? sqlstate : "");
}

int send(pg_conn* conn, const std::string& sql, const Params& params) {
  if (params.empty()) return PQsendQuery(conn, sql.c_str());
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
  return PQsendQueryParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                           nullptr, 0);
}

}  // namespace

void Connection::Finish::operator()(pg_conn* conn) const { PQfinish(conn); }

asio::awaitable<void> Connection::connect(const std::string& conninfo) {
  conn_.reset(PQconnectStart(conninfo.c_str()));
  if (!conn_ || PQstatus(conn_.get()) == CONNECTION_BAD) fail();  // a malformed URI ends here
  // Before the first PQconnectPoll, libpq's documentation says to act as if
  // it had asked to wait for writing.
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  while (status != PGRES_POLLING_OK) {
    if (status == PGRES_POLLING_FAILED) fail();
    co_await wait_until(conn_.get(), status == PGRES_POLLING_READING ? Ready::read : Ready::write);
    status = PQconnectPoll(conn_.get());
  }
  if (PQsetnonblocking(conn_.get(), 1) != 0) fail();
  // The server's notices ("schema already exists, skipping") are not the
  // players' business, and libpq would print them on stderr.
  PQsetNoticeProcessor(conn_.get(), [](void*, const char*) {}, nullptr);
}

asio::awaitable<Result> Connection::query(std::string_view sql, const Params& params) {
  if (!usable()) throw Error("not connected");
  if (send(conn_.get(), std::string(sql), params) == 0) fail();
  co_await flush();
  Result last;
  std::optional<Error> failure;
  for (;;) {
    Result result = co_await next_result();
    if (!result) break;
    if (!failure) failure = error_in(result);
    last = std::move(result);
  }
  if (failure) throw *failure;
  co_return last;
}

asio::awaitable<void> Connection::notifications() {
  if (!usable()) throw Error("not connected");
  for (;;) {
    bool any = false;
    while (PGnotify* notify = PQnotifies(conn_.get())) {
      any = true;
      PQfreemem(notify);
    }
    if (any) co_return;
    co_await wait_until(conn_.get(), Ready::read);
    if (PQconsumeInput(conn_.get()) == 0) fail();
  }
}

bool Connection::usable() const { return conn_ && PQstatus(conn_.get()) == CONNECTION_OK; }

// A large batch may not fit in the socket's buffer: send the rest as the
// socket drains, reading meanwhile whatever the server sends, so that
// neither side waits for the other forever.
asio::awaitable<void> Connection::flush() {
  for (;;) {
    const int pending = PQflush(conn_.get());
    if (pending == 0) co_return;
    if (pending < 0) fail();
    if (co_await wait_for_either(conn_.get()) == Ready::read && PQconsumeInput(conn_.get()) == 0) fail();
  }
}

// The next result of the query being answered; an empty one when done.
asio::awaitable<Result> Connection::next_result() {
  while (PQisBusy(conn_.get()) != 0) {
    co_await wait_until(conn_.get(), Ready::read);
    if (PQconsumeInput(conn_.get()) == 0) fail();
  }
  co_return Result(PQgetResult(conn_.get()));
}

void Connection::fail() const { throw error_of(conn_.get()); }

}  // namespace liaison::store::pg
