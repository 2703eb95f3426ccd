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

void replace_last_line(Reply& reply, std::string_view line) {
  const std::size_t end = reply.text.rfind('\n');
  reply.text.erase(end == std::string::npos ? 0 : end + 1);
  reply.text += line;
}

Reply goodbye() { return {.text = std::string(fin), .last = true}; }

}  // namespace liaison::core
