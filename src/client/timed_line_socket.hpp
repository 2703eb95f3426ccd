// A TCP client that speaks in lines, blocking, where every step (connect,
// send, read) gives up after a timeout instead of waiting forever.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "net/asio.hpp"

namespace liaison::client {

enum class LineStatus {
  ok,         // a whole line arrived
  closed,     // the server closed the connection (or it broke) first
  timed_out,  // nothing complete arrived in time; the connection is now closed
};

struct ReceivedLine {
  LineStatus status = LineStatus::closed;
  std::string text;  // without its "\n" or "\r\n"
};

class TimedLineSocket {
 public:
  explicit TimedLineSocket(std::chrono::milliseconds timeout) : timeout_(timeout) {}

  // Resolves `host` and connects; false when that fails or takes too long.
  bool connect(const std::string& host, std::uint16_t port);
  // Sends `text` and "\n"; false when that fails or takes too long.
  bool send_line(std::string_view text);
  // The next line from the server.
  ReceivedLine read_line();
  // True when the server sent something not read yet; does not wait.
  bool has_unread();

 private:
  bool run_until_done();

  asio::io_context context_;
  tcp::socket socket_{context_};
  std::string received_;  // bytes read but not yet returned
  std::chrono::milliseconds timeout_;
};

}  // namespace liaison::client
