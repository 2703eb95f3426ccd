// The salon: a chat room for everyone connected (like `ncat --chat`). A
// newcomer is named guest-N until /nick, sees who is here and the latest
// messages; every other message goes to everyone.
#pragma once

#include "core/chat_room.hpp"

namespace liaison::core {

class Salon final : public ChatRoom {
 public:
  using ChatRoom::ChatRoom;

 private:
  void on_join(Member& member) override;
  std::string welcome(Member& member) override;
  std::string on_text(Member& member, std::string_view text) override;
  std::string_view help() const override { return room_texts().salon_help; }

  std::size_t guests_ = 0;
};

}  // namespace liaison::core
