#include "bench/reply_shape.hpp"

#include <vector>

#include "core/framing.hpp"
#include "core/texts.hpp"
#include "core/words.hpp"

namespace liaison::bench {
namespace {

// A sentence the server says: fixed ("C'est plus !"), or with numbers in the
// middle ("Gagné ! C'était {0}, trouvé en {1} essai(s). Rejouer ? (o/n)"),
// known by what comes before the first number and after the last one.
struct Sentence {
  std::string_view head;
  std::string_view tail;
  bool fixed = true;
};

Sentence fixed(std::string_view text) { return {.head = text, .tail = {}, .fixed = true}; }

Sentence with_numbers(std::string_view format) {
  return {.head = format.substr(0, format.find('{')), .tail = format.substr(format.rfind('}') + 1), .fixed = false};
}

std::vector<Sentence> sentences_of(const core::Texts& texts) {
  return {fixed(texts.higher),
          fixed(texts.lower),
          with_numbers(texts.won.view()),
          with_numbers(texts.greeting.view()),
          fixed(texts.replay_question),
          fixed(core::fin)};
}

const std::vector<Sentence>& known_sentences() {
  static const std::vector<Sentence> all = [] {
    auto sentences = sentences_of(core::texts(core::Lang::fr));
    for (const Sentence& sentence : sentences_of(core::texts(core::Lang::en))) sentences.push_back(sentence);
    return sentences;
  }();
  return all;
}

ReplyState state_against(std::string_view bytes, const Sentence& sentence) {
  if (sentence.fixed) {
    if (bytes == sentence.head) return ReplyState::whole;
    return sentence.head.starts_with(bytes) ? ReplyState::partial : ReplyState::unexpected;
  }
  if (!bytes.starts_with(sentence.head))
    return sentence.head.starts_with(bytes) ? ReplyState::partial : ReplyState::unexpected;
  const bool has_middle = bytes.size() > sentence.head.size() + sentence.tail.size();
  return has_middle && bytes.ends_with(sentence.tail) ? ReplyState::whole : ReplyState::partial;
}

}  // namespace

ReplyState line_reply_state(std::string_view bytes) {
  const auto newline = bytes.find('\n');
  if (newline == std::string_view::npos)
    return bytes.size() > core::max_message_bytes + 1 ? ReplyState::unexpected : ReplyState::partial;
  return newline + 1 == bytes.size() ? ReplyState::whole : ReplyState::unexpected;
}

ReplyState raw_reply_state(std::string_view bytes) {
  if (bytes.empty()) return ReplyState::partial;
  if (bytes.size() > core::max_message_bytes) return ReplyState::unexpected;
  ReplyState best = ReplyState::unexpected;
  for (const Sentence& sentence : known_sentences()) {
    const ReplyState state = state_against(bytes, sentence);
    if (state == ReplyState::whole) return state;
    if (state == ReplyState::partial) best = state;
  }
  return best;
}

std::string_view without_terminator(std::string_view reply) {
  if (reply.ends_with('\n')) reply.remove_suffix(1);
  if (reply.ends_with('\r')) reply.remove_suffix(1);
  return reply;
}

}  // namespace liaison::bench
