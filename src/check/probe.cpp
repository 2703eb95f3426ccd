#include "check/probe.hpp"

namespace liaison::check {
namespace {

namespace asio = asio;
using namespace asio::experimental::awaitable_operators;

}  // namespace

std::int64_t Probe::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - opened_).count();
}

asio::awaitable<bool> Probe::connect(const tcp::endpoint& endpoint, Clock::duration timeout) {
  asio::steady_timer timer(socket_.get_executor(), timeout);
  const auto result = co_await (socket_.async_connect(endpoint, nothrow) || timer.async_wait(nothrow));
  opened_ = Clock::now();
  co_return result.index() == 0 && !std::get<0>(std::get<0>(result));
}

asio::awaitable<bool> Probe::send(std::string bytes) {
  transcript_.push_back({core::WireDirection::sent, now_ms(), bytes});
  const auto [error, n] = co_await asio::async_write(socket_, asio::buffer(bytes), nothrow);
  co_return !error;
}

asio::awaitable<Received> Probe::read_once(Clock::duration timeout) {
  Received received;
  received.status = ended_;
  if (ended_ != Received::Status::data) co_return received;
  std::string bytes(4096, '\0');
  asio::steady_timer timer(socket_.get_executor(), timeout);
  const auto result =
      co_await (socket_.async_read_some(asio::buffer(bytes), nothrow) || timer.async_wait(nothrow));
  received.status = Received::Status::timeout;
  if (result.index() == 1) co_return received;
  const auto [error, n] = std::get<0>(result);
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
  Received message = co_await read_once(timeout);
  // A peer that never stops sending must not hold the check: one message is
  // at most 64 KiB (the lesson's are at most 1024 bytes).
  while (message.status == Received::Status::data && message.bytes.size() < 64 * 1024) {
    Received more = co_await read_once(quiet);
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

void Probe::shutdown_send() {
  error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_send, ignored);
}

void Probe::close() {
  error_code ignored;
  socket_.close(ignored);
}

}  // namespace liaison::check
