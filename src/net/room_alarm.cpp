#include "net/room_alarm.hpp"

#include <utility>

namespace liaison::net {

void RoomAlarm::bind(const asio::any_io_executor& executor, std::function<void()> ring) {
  timer_.emplace(executor);
  ring_ = std::move(ring);
  if (when_) arm();
}

void RoomAlarm::wake_at(core::Instant when) {
  when_ = when;
  if (timer_) arm();
}

void RoomAlarm::arm() {
  timer_->expires_at(*when_);  // cancels the previous wait, if any
  timer_->async_wait([this](const error_code& error) {
    if (error) return;  // replaced by a newer wish, or shutting down
    when_.reset();
    ring_();
  });
}

}  // namespace liaison::net
