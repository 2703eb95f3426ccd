#include "store/pg_watch.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <exception>
#include <thread>
#include <utility>

#include "store/pg_connection.hpp"

namespace liaison::store::pg {

namespace asio = boost::asio;

struct Watch::Loop {
  Loop(std::string conninfo_, Backoff::Settings backoff_, Callbacks callbacks_, std::string channel_)
      : conninfo(std::move(conninfo_)),
        channel(std::move(channel_)),
        backoff(backoff_),
        callbacks(std::move(callbacks_)) {}

  // Connects, listens and calls back, again after every outage, until stopped.
  asio::awaitable<void> listen() {
    asio::steady_timer pause(co_await asio::this_coro::executor);
    while (!stopping) {
      try {
        co_await listen_once();
      } catch (const std::exception&) {
        // The server went away (or never answered): try again later.
      }
      if (stopping) co_return;
      pause.expires_after(backoff.next());
      co_await pause.async_wait(asio::use_awaitable);
    }
  }

  asio::awaitable<void> listen_once() {
    Connection connection;
    co_await connection.connect(conninfo);
    co_await connection.query("LISTEN " + channel);
    backoff.reset();
    callbacks.reconnected();
    for (;;) {
      co_await connection.notifications();
      callbacks.notified();
    }
  }

  std::string conninfo;
  std::string channel;
  Backoff backoff;
  Callbacks callbacks;
  std::atomic<bool> stopping{false};
  asio::io_context io;
  asio::cancellation_signal stop;
  std::thread thread;
};

Watch::Watch(std::string conninfo, Backoff::Settings backoff, Callbacks callbacks, std::string channel)
    : loop_(std::make_unique<Loop>(std::move(conninfo), backoff, std::move(callbacks), std::move(channel))) {
  Loop& loop = *loop_;
  asio::co_spawn(loop.io, loop.listen(), asio::bind_cancellation_slot(loop.stop.slot(), asio::detached));
  loop.thread = std::thread([&loop] { loop.io.run(); });
}

// The cancellation reaches whatever the loop waits for (the socket, the
// pause); the coroutine then ends, and with it the io_context's work.
Watch::~Watch() {
  Loop& loop = *loop_;
  asio::post(loop.io, [&loop] {
    loop.stopping = true;
    loop.stop.emit(asio::cancellation_type::terminal);
  });
  loop.thread.join();
}

}  // namespace liaison::store::pg
