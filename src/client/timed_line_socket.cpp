#include "client/timed_line_socket.hpp"

#include "core/display.hpp"

namespace liaison::client {
namespace {

// A server line longer than this is treated as a broken connection.
constexpr std::size_t max_line_bytes = 64 * 1024;

}  // namespace

// Each operation is started asynchronously, then the io_context runs it for
// at most `timeout_`. If it is still pending, closing the socket cancels it.
bool TimedLineSocket::run_until_done() {
  context_.restart();
  context_.run_for(timeout_);
  if (context_.stopped()) return true;
  error_code ignored;
  socket_.close(ignored);
  context_.run();  // lets the cancelled operation finish
  return false;
}

bool TimedLineSocket::connect(const std::string& host, std::uint16_t port) {
  tcp::resolver resolver(context_);
  error_code error;
  resolver.async_resolve(host, std::to_string(port), [&](error_code resolve_error, tcp::resolver::results_type endpoints) {
    error = resolve_error;
    if (resolve_error) return;
    asio::async_connect(socket_, endpoints, [&](error_code connect_error, const tcp::endpoint&) { error = connect_error; });
  });
  return run_until_done() && !error;
}

bool TimedLineSocket::send_line(std::string_view text) {
  const std::string bytes = std::string(text) + "\n";
  error_code error;
  asio::async_write(socket_, asio::buffer(bytes), [&](error_code write_error, std::size_t) { error = write_error; });
  return run_until_done() && !error;
}

ReceivedLine TimedLineSocket::read_line() {
  error_code error;
  std::size_t size = 0;
  asio::async_read_until(socket_, asio::dynamic_buffer(received_, max_line_bytes), '\n',
                         [&](error_code read_error, std::size_t line_size) {
                           error = read_error;
                           size = line_size;
                         });
  if (!run_until_done()) return {.status = LineStatus::timed_out, .text = {}};
  // A last line without "\n" before the server closed still counts.
  if (error == asio::error::eof && !received_.empty()) size = received_.size();
  else if (error) return {.status = LineStatus::closed, .text = {}};
  std::string line(core::without_line_end(std::string_view(received_).substr(0, size)));
  received_.erase(0, size);
  return {.status = LineStatus::ok, .text = std::move(line)};
}

bool TimedLineSocket::has_unread() {
  error_code error;
  return !received_.empty() || socket_.available(error) > 0;
}

}  // namespace liaison::client
