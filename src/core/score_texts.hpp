// What the leaderboard says, in French and English: the table `liaison scores`
// prints and the juste prix server can send, and the command's own errors.
#pragma once

#include <string_view>

#include "core/text.hpp"
#include "core/texts.hpp"

namespace liaison::core {

struct ScoreTexts {
  // Column headers of the table, kept short: each line travels to clients
  // that read one recv(1024) at a time.
  std::string_view rank_header;           // "#"
  std::string_view nickname_header;
  std::string_view rounds_won_header;
  std::string_view found_header;
  std::string_view average_tries_header;  // over the games found
  std::string_view best_time_header;      // fastest find
  Text<std::string_view> seconds;         // {0} = a duration already formatted
  std::string_view decimal_mark;          // "," in French, "." in English
  std::string_view none;                  // no game found: no average, no time
  std::string_view empty;                 // the whole table when nobody has a score
  // liaison scores
  Text<std::string_view> no_database;          // {0} = path
  Text<std::string_view> unreadable_database;  // {0} = the reason, naming the file
};

const ScoreTexts& score_texts(Lang lang);

}  // namespace liaison::core
