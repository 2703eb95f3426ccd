// One member's conversation with a room, as a Session: what lets every
// transport carry the salon and the partie exactly like the single-player
// services. The transport must attach() before greeting().
#pragma once

#include <optional>

#include "core/chat_room.hpp"
#include "core/session.hpp"

namespace liaison::core {

class RoomSession final : public Session {
 public:
  explicit RoomSession(ChatRoom& room) : room_(room) {}
  ~RoomSession() override {
    if (id_) room_.leave(*id_);
  }
  RoomSession(const RoomSession&) = delete;
  RoomSession& operator=(const RoomSession&) = delete;

  void attach(Peer& peer) override { id_ = room_.join(peer); }
  std::string greeting() override { return room_.greeting(id_.value()); }
  Reply on_message(std::string_view text) override { return room_.on_message(id_.value(), text); }
  bool reply_held() const override { return room_.reply_held(id_.value()); }
  void hold_reply(HeldLine done) override { room_.hold_reply(id_.value(), std::move(done)); }
  SlowLine take_slow_line() override { return room_.take_slow_line(); }

 private:
  ChatRoom& room_;
  std::optional<MemberId> id_;
};

}  // namespace liaison::core
