// Test support: a blocking loopback TCP client with timeouts, to talk to the
// real server the way the lesson's client (raw) or netcat (lines) does.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace liaison::testing {

using namespace std::chrono_literals;

// True when `fd` has something to read (or was closed) within the timeout.
bool wait_readable(int fd, std::chrono::milliseconds timeout);
// Bytes up to and including the next "\n" on `fd`, taking what `buffered`
// holds first and leaving what follows the line there; nullopt on timeout or
// EOF first.
std::optional<std::string> read_line(int fd, std::string& buffered, std::chrono::milliseconds timeout);

class Client {
 public:
  // Connects to 127.0.0.1:port (or ::1 when `host` says so); throws on failure.
  explicit Client(std::uint16_t port, std::string host = "127.0.0.1");
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  void send(std::string_view bytes);             // all of it
  // One recv of up to `max` bytes, as the lesson's client does; "" on EOF;
  // nullopt on timeout.
  std::optional<std::string> recv_once(std::size_t max = 1024, std::chrono::milliseconds timeout = 5s);
  // Bytes up to and including the next "\n"; nullopt on timeout or EOF first.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout = 5s);
  // Reads until EOF; true when the peer closed within the timeout.
  bool read_until_closed(std::string* rest = nullptr, std::chrono::milliseconds timeout = 5s);
  void shutdown_send();
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  std::string buffered_;  // read_line's leftovers
};

// Raw exchange, the lesson's way: send one message, read one recv(1024).
std::string converse(Client& client, std::string_view message);

}  // namespace liaison::testing
