// Test support: a WebSocket client of a real `liaison serve --web`'s /play,
// as a browser's page plays: one text frame per message, each reply and each
// piece of news a frame. (Beast's WebSocket header stays in play_client.cpp.)
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace liaison::testing {

class PlayClient {
 public:
  explicit PlayClient(std::uint16_t web_port);  // connects and upgrades, or throws
  ~PlayClient();
  PlayClient(const PlayClient&) = delete;
  PlayClient& operator=(const PlayClient&) = delete;

  void write(std::string_view text);
  // The next frame's text; nullopt when none comes within `patience`.
  std::optional<std::string> read(std::chrono::milliseconds patience = std::chrono::seconds(5));

 private:
  struct Socket;
  std::unique_ptr<Socket> socket_;
};

}  // namespace liaison::testing
