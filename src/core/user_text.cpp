#include "core/user_text.hpp"

#include "core/display.hpp"
#include "core/utf8.hpp"

namespace liaison::core {

bool is_valid_nickname(std::string_view nickname) {
  if (nickname.empty() || nickname.front() == '/') return false;
  // printable() changes exactly the invalid bytes and the control characters.
  if (printable(nickname) != nickname) return false;
  constexpr std::string_view no_break_space = "\xC2\xA0";
  if (nickname.find_first_of(" \t") != std::string_view::npos || nickname.find(no_break_space) != std::string_view::npos)
    return false;
  return code_points(nickname) <= max_nickname_chars;
}

std::string nickname_key(std::string_view nickname) {
  std::string key(nickname);
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return key;
}

}  // namespace liaison::core
