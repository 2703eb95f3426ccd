// The core::Alarm of a room, on the event loop the room's connections run on:
// one timer, armed for the earliest wish, that calls the room back.
#pragma once

#include <functional>
#include <optional>

#include "core/room.hpp"
#include "net/asio.hpp"

namespace liaison::net {

class RoomAlarm final : public core::Alarm {
 public:
  RoomAlarm() = default;
  RoomAlarm(const RoomAlarm&) = delete;
  RoomAlarm& operator=(const RoomAlarm&) = delete;

  // The loop and the callback, once they exist (a wish made before is kept).
  void bind(const asio::any_io_executor& executor, std::function<void()> ring);
  void wake_at(core::Instant when) override;

 private:
  void arm();

  std::optional<asio::steady_timer> timer_;
  std::function<void()> ring_;
  std::optional<core::Instant> when_;
};

}  // namespace liaison::net
