#include "core/session.hpp"

#include <fmt/format.h>

#include "core/words.hpp"

namespace liaison::core {

Reply answer(Session& session, const Message& message, const Texts& texts) {
  if (message.too_long) return {.text = texts.too_long.format(max_message_bytes)};
  return session.on_message(message.text);
}

Reply goodbye() { return {.text = std::string(fin), .last = true}; }

}  // namespace liaison::core
