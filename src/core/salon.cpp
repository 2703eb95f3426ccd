#include "core/salon.hpp"

#include <fmt/format.h>

namespace liaison::core {

void Salon::on_join(Member& member) {
  // guest-N, skipping numbers someone took with /nick.
  for (;;) {
    const std::string guest = room_texts().guest_name.format(++guests_);
    rename(member, guest);
    if (!member.nickname.empty()) break;
  }
  broadcast(room_texts().joined.format(member.nickname), &member);
}

std::string Salon::welcome(Member& member) {
  std::string text = room_texts().salon_welcome.format(member.nickname);
  (text += '\n') += who();
  const std::size_t used = text.size() + 1;
  if (used < settings().reply_budget) {
    const std::string history = history_lines(settings().reply_budget - used);
    if (!history.empty()) (text += '\n') += history;
  }
  return text;
}

std::string Salon::on_text(Member& member, std::string_view text) { return relay(member, text); }

}  // namespace liaison::core
