#include "core/guesser.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <initializer_list>
#include <limits>

#include "core/texts.hpp"
#include "core/words.hpp"

namespace liaison::core {
namespace {

// Reads a whole number at the start of `text` and moves past it.
std::optional<std::int64_t> take_number(std::string_view& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{}) return std::nullopt;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return value;
}

// Moves past `word` when `text` starts with it.
bool take_word(std::string_view& text, std::string_view word) {
  if (!text.starts_with(word)) return false;
  text.remove_prefix(word.size());
  return true;
}

// "<before>A<middle>B", e.g. "entre 1 et 100".
struct BoundsPhrase {
  std::string_view before;
  std::string_view middle;
};

std::optional<Bounds> bounds_at(std::string_view text, BoundsPhrase phrase) {
  if (!take_word(text, phrase.before)) return std::nullopt;
  const auto min = take_number(text);
  if (!min || !take_word(text, phrase.middle)) return std::nullopt;
  const auto max = take_number(text);
  if (!max || *min > *max) return std::nullopt;
  return Bounds{.min = *min, .max = *max};
}

std::optional<Bounds> find_bounds(std::string_view text, BoundsPhrase phrase) {
  for (auto at = text.find(phrase.before); at != text.npos; at = text.find(phrase.before, at + 1))
    if (auto bounds = bounds_at(text.substr(at), phrase)) return bounds;
  return std::nullopt;
}

// The distance max - min, which may exceed INT64_MAX, as an unsigned number.
std::uint64_t span(Bounds bounds) {
  return static_cast<std::uint64_t>(bounds.max) - static_cast<std::uint64_t>(bounds.min);
}

// The words a reply of the server starts with, whatever follows: its text
// up to the first placeholder or punctuation ("C'est plus !" -> "C'est plus",
// "Gagné ! C'était {0}..." -> "Gagné").
std::string_view stem(std::string_view text) {
  return trim(text.substr(0, std::min(text.size(), text.find_first_of("!?.({"))));
}

struct ReplyStems {
  std::string_view higher, lower, won, greeting, replay_question;
};

// Read from the server's own texts (core/texts.hpp), in every language, once.
const std::array<ReplyStems, 2>& reply_stems() {
  static const std::array<ReplyStems, 2> stems = [] {
    std::array<ReplyStems, 2> all;
    std::size_t i = 0;
    for (const Lang lang : {Lang::fr, Lang::en}) {
      const Texts& t = texts(lang);
      all[i++] = {stem(t.higher), stem(t.lower), stem(t.won.view()), stem(t.greeting.view()), stem(t.replay_question)};
    }
    return all;
  }();
  return stems;
}

}  // namespace

ReplyKind classify_reply(std::string_view reply) {
  const std::string_view text = trim(reply);
  if (is_fin(text)) return ReplyKind::fin_word;
  for (const ReplyStems& stems : reply_stems()) {
    if (text.starts_with(stems.higher)) return ReplyKind::higher;
    if (text.starts_with(stems.lower)) return ReplyKind::lower;
    if (text.starts_with(stems.won)) return ReplyKind::won;
    if (text.starts_with(stems.greeting)) return ReplyKind::greeting;
    if (text.starts_with(stems.replay_question)) return ReplyKind::replay_question;
  }
  return ReplyKind::invalid;
}

std::optional<Bounds> parse_bounds(std::string_view greeting) {
  if (auto bounds = find_bounds(greeting, {.before = "entre ", .middle = " et "})) return bounds;
  return find_bounds(greeting, {.before = "between ", .middle = " and "});
}

std::int64_t midpoint(Bounds bounds) {
  // min + span / 2 never leaves [min, max], so it cannot overflow.
  return bounds.min + static_cast<std::int64_t>(span(bounds) / 2);
}

int max_tries(Bounds bounds) {
  const std::uint64_t numbers_minus_one = span(bounds);
  if (numbers_minus_one == std::numeric_limits<std::uint64_t>::max()) return 65;  // 2^64 numbers
  return static_cast<int>(std::bit_width(numbers_minus_one + 1));
}

bool Guesser::take(Verdict verdict) {
  const auto narrowed = narrow(remaining_, guess(), verdict);
  if (!narrowed) return false;
  remaining_ = *narrowed;
  return true;
}

}  // namespace liaison::core
