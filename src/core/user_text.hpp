// Nicknames: what one user is called where others read. Nothing a user picks
// may move another user's cursor or pass for two names (no control character,
// no blank), nor impersonate someone (unique without regard to ASCII case).
// Chat text goes through core::printable (display.hpp) before others read it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace liaison::core {

inline constexpr std::size_t max_nickname_chars = 24;

// 1 to max_nickname_chars characters of valid UTF-8, no blank, no control
// character, not starting with '/' (commands) -- e.g. "alice", "Zoé_2".
bool is_valid_nickname(std::string_view nickname);

// The form two nicknames are compared in: "Alice" and "ALICE" are one person.
std::string nickname_key(std::string_view nickname);

}  // namespace liaison::core
