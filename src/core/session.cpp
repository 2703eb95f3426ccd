#include "core/session.hpp"

#include <fmt/format.h>

#include "core/words.hpp"

namespace liaison::core {

Reply answer(Session& session, const Message& message, const Texts& texts, SlowLine& slow) {
  if (message.too_long) return {.text = texts.too_long.format(max_message_bytes)};
  Reply reply = session.on_message(message.text);
  slow = session.take_slow_line();
  return reply;
}

Reply answer(Session& session, const Message& message, const Texts& texts) {
  SlowLine slow;
  Reply reply = answer(session, message, texts, slow);
  if (slow) replace_last_line(reply, slow());
  return reply;
}

std::size_t last_line_start(std::string_view text) {
  const std::size_t end = text.rfind('\n');
  return end == std::string_view::npos ? 0 : end + 1;
}

void replace_last_line(Reply& reply, std::string_view line) {
  reply.text.erase(last_line_start(reply.text));
  reply.text += line;
}

Reply goodbye() { return {.text = std::string(fin), .last = true}; }

}  // namespace liaison::core
