#include "core/reply_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "core/words.hpp"

namespace liaison::core {
namespace {

struct Keyword {
  std::string_view words;
  Verdict verdict;
};

// Longer phrases first: "plus petit" must win over "plus". "trop petit" is
// the guess being too small, so the secret is higher.
constexpr std::array keywords{
    Keyword{"trop petit", Verdict::higher}, Keyword{"trop bas", Verdict::higher},
    Keyword{"trop grand", Verdict::lower},  Keyword{"trop haut", Verdict::lower},
    Keyword{"trop élevé", Verdict::lower},  Keyword{"too small", Verdict::higher},
    Keyword{"too low", Verdict::higher},    Keyword{"too big", Verdict::lower},
    Keyword{"too high", Verdict::lower},    Keyword{"too large", Verdict::lower},
    Keyword{"plus petit", Verdict::lower},  Keyword{"plus bas", Verdict::lower},
    Keyword{"plus grand", Verdict::higher}, Keyword{"plus haut", Verdict::higher},
    Keyword{"plus", Verdict::higher},       Keyword{"moins", Verdict::lower},
    Keyword{"higher", Verdict::higher},     Keyword{"bigger", Verdict::higher},
    Keyword{"greater", Verdict::higher},    Keyword{"more", Verdict::higher},
    Keyword{"lower", Verdict::lower},       Keyword{"smaller", Verdict::lower},
    Keyword{"less", Verdict::lower},        Keyword{"gagn", Verdict::won},
    Keyword{"bravo", Verdict::won},         Keyword{"félicitations", Verdict::won},
    Keyword{"trouvé", Verdict::won},        Keyword{"juste prix", Verdict::won},
    Keyword{"you won", Verdict::won},       Keyword{"you win", Verdict::won},
    Keyword{"correct", Verdict::won},       Keyword{"congratulations", Verdict::won},
};

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(),
                         [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; });
  return out;
}

// A word starting at `at` (not in the middle of another word: "plus" is not
// in "surplus").
bool starts_word(std::string_view text, std::size_t at) {
  return at == 0 || !std::isalpha(static_cast<unsigned char>(text[at - 1]));
}

bool mentions(std::string_view text, std::string_view words) {
  for (auto at = text.find(words); at != text.npos; at = text.find(words, at + 1))
    if (starts_word(text, at)) return true;
  return false;
}

// Removes every occurrence of `words` so a shorter keyword inside it
// ("plus" in "plus petit") is not counted again.
void blank_out(std::string& text, std::string_view words) {
  for (auto at = text.find(words); at != text.npos; at = text.find(words, at))
    text.replace(at, words.size(), words.size(), ' ');
}

std::optional<std::int64_t> number_at(std::string_view& text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{}) return std::nullopt;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return value;
}

// "<A> <separator> <B>" starting at `text`.
std::optional<Bounds> pair_at(std::string_view text, std::string_view separator) {
  const auto min = number_at(text);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (!min || !text.starts_with(separator)) return std::nullopt;
  text.remove_prefix(separator.size());
  const auto max = number_at(text);
  if (!max || *min >= *max) return std::nullopt;
  return Bounds{.min = *min, .max = *max};
}

}  // namespace

Understood understand_reply(std::string_view reply) {
  std::string text = lower_ascii(reply);
  if (is_fin(text)) return {Verdict::fin, "FIN"};
  Understood won;
  Understood hint;
  for (const Keyword& keyword : keywords) {
    if (!mentions(text, keyword.words)) continue;
    blank_out(text, keyword.words);
    Understood& slot = keyword.verdict == Verdict::won ? won : hint;
    // Both directions in one reply ("plus ... moins"): no way to tell.
    if (slot.verdict != Verdict::unknown && slot.verdict != keyword.verdict) return {};
    if (slot.verdict == Verdict::unknown) slot = {keyword.verdict, std::string(keyword.words)};
  }
  // A win said with a direction word around it ("en plus de 3 essais") stays a win.
  return won.verdict == Verdict::won ? won : hint;
}

std::optional<Bounds> read_bounds(std::string_view greeting) {
  if (auto bounds = parse_bounds(greeting)) return bounds;
  const std::string text = lower_ascii(greeting);
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (!std::isdigit(static_cast<unsigned char>(text[at])) ||
        (at > 0 && std::isdigit(static_cast<unsigned char>(text[at - 1]))))
      continue;
    for (const std::string_view separator : {"à", "a", "to", "et", "and", "-", "..", "jusqu'à"})
      if (auto bounds = pair_at(std::string_view(text).substr(at), separator)) return bounds;
  }
  return std::nullopt;
}

bool SecretCandidates::take(std::int64_t guess, Verdict verdict) {
  if (!remaining_) return false;
  if (verdict == Verdict::won) {
    remaining_ =
        (guess >= remaining_->min && guess <= remaining_->max) ? std::optional(Bounds{guess, guess}) : std::nullopt;
  } else if (verdict == Verdict::higher || verdict == Verdict::lower) {
    remaining_ = narrow(*remaining_, guess, verdict == Verdict::higher ? Hint::higher : Hint::lower);
  }
  return remaining_.has_value();
}

}  // namespace liaison::core
