#include "core/echo.hpp"

#include "core/utf8.hpp"
#include "core/words.hpp"

namespace liaison::core {

std::string Echo::greeting() { return std::string(texts_.echo_greeting); }

Reply Echo::on_message(std::string_view text) {
  if (trim(text) == "exit" || is_fin(text)) return goodbye();
  if (!is_valid_utf8(text)) return {.text = std::string(texts_.invalid_utf8)};
  std::string reply(texts_.echo_prefix);
  reply.append(text);
  return {.text = std::move(reply)};
}

}  // namespace liaison::core
