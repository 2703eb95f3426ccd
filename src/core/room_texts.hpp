// What the salon (chat room) and the partie (multiplayer rounds) say, in
// French (the lesson's language) and English.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/text.hpp"
#include "core/texts.hpp"

namespace liaison::core {

struct RoomTexts {
  // shared by both rooms
  Text<std::size_t> guest_name;                 // {0} = number: the nickname of a newcomer to the salon
  Text<std::size_t, std::string_view> present;  // {0} = count, {1} = names
  std::string_view nobody_else;
  Text<std::string_view> joined;                     // {0} = nickname
  Text<std::string_view> left;                       // {0} = nickname
  Text<std::string_view, std::string_view> renamed;  // {0} = old, {1} = new
  Text<std::string_view> you_are_now;                // {0} = nickname
  Text<std::string_view> nickname_taken;             // {0} = nickname
  Text<std::size_t> nickname_invalid;                // {0} = max characters
  Text<std::string_view, std::string_view> said;     // {0} = nickname, {1} = text
  Text<std::string_view, std::string_view> acted;    // {0} = nickname, {1} = text (/me)
  Text<std::size_t> sent;                            // {0} = how many read it
  std::string_view empty_message;
  std::string_view history_header;
  Text<std::size_t> news_dropped;  // {0} = count of older news not shown
  std::string_view push_on;
  std::string_view push_off;
  std::string_view push_usage;
  Text<std::string_view> unknown_command;  // {0} = command
  std::string_view me_usage;
  Text<std::int64_t> flood_warning;      // {0} = seconds of mute that follow
  Text<std::int64_t> muted;              // {0} = seconds left
  Text<std::string_view> salon_welcome;  // {0} = nickname
  std::string_view salon_help;
  std::string_view scores_unavailable;
  std::string_view scores_late;  // /scores when the read takes too long (Session::take_slow_line)
  // partie
  Text<std::int64_t, std::int64_t> partie_welcome;  // {0} = min, {1} = max
  std::string_view ask_nickname;
  // {0} = nickname, {1} = round, {2} = min, {3} = max, {4} = players
  Text<std::string_view, std::int64_t, std::int64_t, std::int64_t, std::size_t> hello_round;
  // {0} = nickname, {1} = next round, {2} = seconds
  Text<std::string_view, std::int64_t, std::string_view> hello_pause;
  // {0} = round, {1} = min, {2} = max
  Text<std::int64_t, std::int64_t, std::int64_t> round_started;
  Text<int> higher;  // {0} = tries
  Text<int> lower;   // {0} = tries
  // {0} = secret, {1} = tries, {2} = seconds, {3} = grace seconds
  Text<std::int64_t, int, std::string_view, std::string_view> you_won_round;
  // {0} = secret, {1} = rank, {2} = tries, {3} = seconds
  Text<std::int64_t, int, int, std::string_view> you_found;
  // {0} = nickname, {1} = round, {2} = tries, {3} = seconds
  Text<std::string_view, std::int64_t, int, std::string_view> winner_news;
  // {0} = nickname, {1} = rank, {2} = tries, {3} = seconds
  Text<std::string_view, int, int, std::string_view> finder_news;
  Text<std::size_t> already_found;  // {0} = players still searching
  // one round across servers (--room): the find, while its rank is not
  // known (the reply waits for it a while); {0} = secret, {1} = tries, {2} = seconds
  Text<std::int64_t, int, std::string_view> found_shared;
  Text<std::int64_t> too_late;  // {0} = round
  std::string_view rank_unknown;
  std::string_view shared_clock;
  // {0} = round, {1} = found, {2} = players, {3} = podium, {4} = secret
  Text<std::int64_t, std::size_t, std::size_t, std::string_view, std::int64_t> round_over;
  // {0} = rank, {1} = nickname, {2} = tries, {3} = seconds
  Text<int, std::string_view, int, std::string_view> podium_entry;
  std::string_view nobody_found;
  Text<std::int64_t, std::int64_t> next_round_in;    // {0} = round, {1} = seconds
  Text<std::int64_t, std::int64_t> wait_next_round;  // {0} = round, {1} = seconds
  // {0} = round, {1} = found, {2} = players, {3} = your tries
  Text<std::int64_t, std::size_t, std::size_t, int> round_status;
  // A shared round (--room): this server sees its own players, and only the
  // finders of the others. {0} = round, {1} = found on every server,
  // {2} = found here, {3} = players here, then the podium and the secret
  // (round_over_shared) or your tries (round_status_shared).
  Text<std::int64_t, std::size_t, std::size_t, std::size_t, std::string_view, std::int64_t> round_over_shared;
  Text<std::int64_t, std::size_t, std::size_t, std::size_t, int> round_status_shared;
  std::string_view partie_help;
  // Teacher actions (serve --web, with the teacher's token).
  std::string_view kicked;                    // to the player
  Text<std::string_view> kicked_news;         // {0} = nickname, to the others
  Text<std::string_view> renamed_by_teacher;  // {0} = new nickname, to the player
  Text<std::string_view> no_such_player;      // {0} = nickname
  std::string_view nobody_to_play;
};

const RoomTexts& room_texts(Lang lang);

}  // namespace liaison::core
