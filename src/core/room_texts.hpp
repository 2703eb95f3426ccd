// What the salon (chat room) and the partie (multiplayer rounds) say, in
// French (the lesson's language) and English.
#pragma once

#include <string_view>

#include "core/texts.hpp"

namespace liaison::core {

struct RoomTexts {
  // shared by both rooms
  std::string_view guest_name;        // {0} = number: the nickname of a newcomer to the salon
  std::string_view present;           // {0} = count, {1} = names
  std::string_view nobody_else;
  std::string_view joined;            // {0} = nickname
  std::string_view left;              // {0} = nickname
  std::string_view renamed;           // {0} = old, {1} = new
  std::string_view you_are_now;       // {0} = nickname
  std::string_view nickname_taken;    // {0} = nickname
  std::string_view nickname_invalid;  // {0} = max characters
  std::string_view said;              // {0} = nickname, {1} = text
  std::string_view acted;             // {0} = nickname, {1} = text (/me)
  std::string_view sent;              // {0} = how many read it
  std::string_view empty_message;
  std::string_view history_header;
  std::string_view news_dropped;      // {0} = count of older news not shown
  std::string_view push_on;
  std::string_view push_off;
  std::string_view push_usage;
  std::string_view unknown_command;   // {0} = command
  std::string_view me_usage;
  std::string_view flood_warning;     // {0} = seconds of mute that follow
  std::string_view muted;             // {0} = seconds left
  std::string_view salon_welcome;     // {0} = nickname
  std::string_view salon_help;
  std::string_view scores_unavailable;
  // partie
  std::string_view partie_welcome;    // {0} = min, {1} = max
  std::string_view ask_nickname;
  std::string_view hello_round;       // {0} = nickname, {1} = round, {2} = min, {3} = max, {4} = players
  std::string_view hello_pause;       // {0} = nickname, {1} = next round, {2} = seconds
  std::string_view round_started;     // {0} = round, {1} = min, {2} = max
  std::string_view higher;            // {0} = tries
  std::string_view lower;             // {0} = tries
  std::string_view you_won_round;     // {0} = secret, {1} = tries, {2} = seconds, {3} = grace seconds
  std::string_view you_found;         // {0} = secret, {1} = rank, {2} = tries, {3} = seconds
  std::string_view winner_news;       // {0} = nickname, {1} = round, {2} = tries, {3} = seconds
  std::string_view finder_news;       // {0} = nickname, {1} = rank, {2} = tries, {3} = seconds
  std::string_view already_found;     // {0} = players still searching
  std::string_view round_over;        // {0} = round, {1} = found, {2} = players, {3} = podium, {4} = secret
  std::string_view podium_entry;      // {0} = rank, {1} = nickname, {2} = tries, {3} = seconds
  std::string_view nobody_found;
  std::string_view next_round_in;     // {0} = round, {1} = seconds
  std::string_view wait_next_round;   // {0} = round, {1} = seconds
  std::string_view round_status;      // {0} = round, {1} = found, {2} = players, {3} = your tries
  std::string_view partie_help;
  // Teacher actions (serve --web, with the teacher's token).
  std::string_view kicked;            // to the player
  std::string_view kicked_news;       // {0} = nickname, to the others
  std::string_view renamed_by_teacher;  // {0} = new nickname, to the player
  std::string_view no_such_player;    // {0} = nickname
  std::string_view nobody_to_play;
};

const RoomTexts& room_texts(Lang lang);

}  // namespace liaison::core
