// What `liaison play` says to its user, in French and English. The game's
// own sentences come from the server; these frame them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/text.hpp"
#include "core/texts.hpp"

namespace liaison::core {

struct PlayerTexts {
  Text<std::int64_t, std::int64_t> guess_prompt;           // {0} = min, {1} = max
  std::string_view guess_prompt_no_range;                  // when the greeting gave no bounds
  Text<std::string_view, std::string_view> replay_prompt;  // {0} = yes, {1} = no
  // {0} = server's answer, {1} = tries, {2} = min, {3} = max
  Text<std::string_view, int, std::int64_t, std::int64_t> hint;
  Text<std::string_view, int> hint_no_range;  // {0} = server's answer, {1} = tries
  Text<std::string_view> move;                // {0} = what --auto sends
  Text<int, int> summary;                     // {0} = games won, {1} = tries in all
  Text<double> no_answer;                     // {0} = seconds waited
  Text<std::string_view> unexpected_answer;   // {0} = the server's line
  Text<std::string_view> no_bounds;           // {0} = the greeting
  std::string_view contradiction;             // the answers leave no number
};

const PlayerTexts& player_texts(Lang lang);

}  // namespace liaison::core
