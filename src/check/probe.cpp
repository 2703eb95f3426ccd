#include "check/probe.hpp"

#include <linux/sockios.h>
#include <sys/ioctl.h>

namespace liaison::check {
namespace {

namespace asio = asio;
using namespace asio::experimental::awaitable_operators;

// How often a wait looks at what the watched program does.
constexpr auto watch_interval = std::chrono::milliseconds(10);

}  // namespace

std::int64_t Probe::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - opened_).count();
}

asio::awaitable<bool> Probe::connect(const tcp::endpoint& endpoint, Clock::duration timeout) {
  asio::steady_timer timer(socket_.get_executor(), timeout);
  const auto result = co_await (socket_.async_connect(endpoint, nothrow) || timer.async_wait(nothrow));
  opened_ = Clock::now();
  if (watched_) watched_->gave_input();
  co_return result.index() == 0 && !std::get<0>(std::get<0>(result));
}

asio::awaitable<bool> Probe::send(std::string bytes) {
  transcript_.push_back({core::WireDirection::sent, now_ms(), bytes});
  const auto [error, n] = co_await asio::async_write(socket_, asio::buffer(bytes), nothrow);
  if (watched_) watched_->gave_input();
  co_return !error;
}

bool Probe::program_waits(bool answer) {
  // An answer is awaited once the program has our message (acknowledged):
  // before that, its waiting says nothing.
  return watched_ != nullptr && (!answer || delivered()) && watched_->waits_on_us();
}

asio::awaitable<Received> Probe::read_once(Clock::duration timeout, bool answer) {
  Received received;
  received.status = ended_;
  if (ended_ != Received::Status::data) co_return received;
  std::string bytes(4096, '\0');
  const auto deadline = Clock::now() + timeout;
  received.status = Received::Status::timeout;
  error_code error;
  std::size_t n = 0;
  for (;;) {
    const auto until = watched_ ? std::min(deadline, Clock::now() + watch_interval) : deadline;
    asio::steady_timer timer(socket_.get_executor(), until);
    // Readable, then read: a read raced against the timer could lose the
    // bytes it took when the timer won.
    const auto result = co_await (socket_.async_wait(tcp::socket::wait_read, nothrow) || timer.async_wait(nothrow));
    if (result.index() == 0) {
      error = std::get<0>(std::get<0>(result));
      if (!error) {
        socket_.non_blocking(true, error);
        n = socket_.read_some(asio::buffer(bytes), error);
        if (error == asio::error::would_block || error == asio::error::try_again) continue;
      }
      break;
    }
    if (Clock::now() >= deadline) co_return received;
    if (program_waits(answer)) {
      received.program_waits = true;
      co_return received;
    }
  }
  received.status = error == asio::error::eof ? Received::Status::closed : Received::Status::reset;
  if (error) ended_ = received.status;
  if (error) co_return received;
  bytes.resize(n);
  transcript_.push_back({core::WireDirection::received, now_ms(), bytes});
  received.status = Received::Status::data;
  received.bytes = std::move(bytes);
  received.reads = 1;
  co_return received;
}

asio::awaitable<Received> Probe::receive(Clock::duration timeout, Clock::duration quiet) {
  Received message = co_await read_once(timeout, true);
  // A peer that never stops sending must not hold the check: one message is
  // at most 64 KiB (the lesson's are at most 1024 bytes).
  while (message.status == Received::Status::data && message.bytes.size() < 64 * 1024) {
    Received more = co_await read_once(quiet, false);
    if (more.status == Received::Status::timeout) break;
    message.bytes += more.bytes;
    message.reads += more.reads;
    // The data stays data; the end is seen by the next receive.
    if (more.status != Received::Status::data) break;
  }
  co_return message;
}

std::size_t Probe::available() {
  error_code error;
  const std::size_t bytes = socket_.available(error);
  return error ? 0 : bytes;
}

bool Probe::delivered() {
  int unacknowledged = 0;
  return ::ioctl(socket_.native_handle(), SIOCOUTQ, &unacknowledged) == 0 && unacknowledged == 0;
}

void Probe::shutdown_send() {
  error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_send, ignored);
  if (watched_) watched_->gave_input();
}

void Probe::close() {
  error_code ignored;
  socket_.close(ignored);
}

}  // namespace liaison::check
