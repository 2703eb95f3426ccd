// Test support: a server socket the test drives by hand, to script what a
// client receives (even a misbehaving server) and check what it sends.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace liaison::testing {

using namespace std::chrono_literals;

class ScriptedServer {
 public:
  ScriptedServer();  // listening on 127.0.0.1, a free port
  ~ScriptedServer();
  ScriptedServer(const ScriptedServer&) = delete;
  ScriptedServer& operator=(const ScriptedServer&) = delete;

  std::string port() const { return std::to_string(port_); }

  // Accepts one client; false when none came in time.
  bool accept();
  void send(std::string_view bytes);
  // One recv(1024); "" on EOF; nullopt when nothing came in time.
  std::optional<std::string> recv_once(std::chrono::milliseconds timeout = 5s);
  // Bytes up to and including the next "\n"; nullopt when no whole line came
  // in time (or the client closed first).
  std::optional<std::string> recv_line(std::chrono::milliseconds timeout = 5s);
  // Closes the connection without FIN.
  void close_connection();

 private:
  int listener_ = -1;
  int connection_ = -1;
  std::uint16_t port_ = 0;
  std::string received_;  // bytes after the last line recv_line returned
};

// A port where nobody listens any more.
std::string closed_port();

}  // namespace liaison::testing
