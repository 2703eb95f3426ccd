#include "core/reply_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <vector>

#include "core/words.hpp"

namespace liaison::core {
namespace {

struct Keyword {
  std::string_view words;
  ReplyMeaning meaning;
};

// Longer phrases first: "plus petit" must win over "plus". "trop petit" is
// the guess being too small, so the secret is higher.
constexpr std::array keywords{
    Keyword{"trop petit", ReplyMeaning::higher}, Keyword{"trop bas", ReplyMeaning::higher},
    Keyword{"trop grand", ReplyMeaning::lower},  Keyword{"trop haut", ReplyMeaning::lower},
    Keyword{"trop élevé", ReplyMeaning::lower},  Keyword{"too small", ReplyMeaning::higher},
    Keyword{"too low", ReplyMeaning::higher},    Keyword{"too big", ReplyMeaning::lower},
    Keyword{"too high", ReplyMeaning::lower},    Keyword{"too large", ReplyMeaning::lower},
    Keyword{"plus petit", ReplyMeaning::lower},  Keyword{"plus bas", ReplyMeaning::lower},
    Keyword{"plus grand", ReplyMeaning::higher}, Keyword{"plus haut", ReplyMeaning::higher},
    Keyword{"plus", ReplyMeaning::higher},       Keyword{"moins", ReplyMeaning::lower},
    Keyword{"higher", ReplyMeaning::higher},     Keyword{"bigger", ReplyMeaning::higher},
    Keyword{"greater", ReplyMeaning::higher},    Keyword{"more", ReplyMeaning::higher},
    Keyword{"lower", ReplyMeaning::lower},       Keyword{"smaller", ReplyMeaning::lower},
    Keyword{"less", ReplyMeaning::lower},        Keyword{"gagn", ReplyMeaning::won},
    Keyword{"bravo", ReplyMeaning::won},         Keyword{"félicitations", ReplyMeaning::won},
    Keyword{"trouvé", ReplyMeaning::won},        Keyword{"juste prix", ReplyMeaning::won},
    Keyword{"you won", ReplyMeaning::won},       Keyword{"you win", ReplyMeaning::won},
    Keyword{"correct", ReplyMeaning::won},       Keyword{"congratulations", ReplyMeaning::won},
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
  if (is_fin(text)) return {ReplyMeaning::fin, "FIN"};
  Understood won;
  Understood hint;
  for (const Keyword& keyword : keywords) {
    if (!mentions(text, keyword.words)) continue;
    blank_out(text, keyword.words);
    Understood& slot = keyword.meaning == ReplyMeaning::won ? won : hint;
    // Both directions in one reply ("plus ... moins"): no way to tell.
    if (slot.meaning != ReplyMeaning::unknown && slot.meaning != keyword.meaning) return {};
    if (slot.meaning == ReplyMeaning::unknown) slot = {keyword.meaning, std::string(keyword.words)};
  }
  // A win said with a direction word around it ("en plus de 3 essais") stays a win.
  return won.meaning == ReplyMeaning::won ? won : hint;
}

namespace {

struct Piece {
  std::string_view text;
  bool stuck = false;  // glued to the piece before it, with no space or line between
};

bool ends_sentence(char c) { return c == '.' || c == '!' || c == '?' || c == ':'; }

// An ASCII capital, or a Latin-1 capital in UTF-8 (À to Ý: C3 80 to C3 9D).
bool starts_capital(std::string_view text) {
  if (text.empty()) return false;
  const auto first = static_cast<unsigned char>(text[0]);
  if (first >= 'A' && first <= 'Z') return true;
  return text.size() > 1 && first == 0xC3U && static_cast<unsigned char>(text[1]) >= 0x80U &&
         static_cast<unsigned char>(text[1]) <= 0x9DU;
}

// The line's sentences where one starts right after another's end, no space between.
void split_stuck(std::string_view line, std::vector<Piece>& pieces) {
  bool stuck = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    if (!ends_sentence(line[i]) || !starts_capital(line.substr(i + 1))) continue;
    pieces.push_back({trim(line.substr(start, i + 1 - start)), stuck});
    start = i + 1;
    stuck = true;
  }
  pieces.push_back({trim(line.substr(start)), stuck});
}

// Non-empty pieces, each line cut where sentences are stuck together; the
// FIN that may end it left out.
std::vector<Piece> pieces_of(std::string_view reply) {
  std::vector<Piece> pieces;
  while (!reply.empty()) {
    const auto newline = reply.find('\n');
    split_stuck(reply.substr(0, newline), pieces);
    reply = newline == std::string_view::npos ? std::string_view() : reply.substr(newline + 1);
  }
  std::erase_if(pieces, [](const Piece& piece) { return piece.text.empty(); });
  if (pieces.size() > 1 && is_fin(pieces.back().text)) pieces.pop_back();
  return pieces;
}

bool gives_direction(std::string_view text) {
  const ReplyMeaning meaning = understand_reply(text).meaning;
  return meaning == ReplyMeaning::higher || meaning == ReplyMeaning::lower;
}

}  // namespace

std::optional<Glued> glued_replies(std::string_view reply, bool line_framing) {
  const std::vector<Piece> pieces = pieces_of(reply);
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    const bool two_lines = !pieces[i].stuck;
    const bool glued = pieces[i].stuck || (two_lines && line_framing) ||
                       (gives_direction(pieces[i - 1].text) && gives_direction(pieces[i].text));
    if (glued) return Glued{std::string(pieces[i - 1].text), std::string(pieces[i].text)};
  }
  return std::nullopt;
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

bool SecretCandidates::take(std::int64_t guess, ReplyMeaning verdict) {
  if (!remaining_) return false;
  if (verdict == ReplyMeaning::won) {
    remaining_ =
        (guess >= remaining_->min && guess <= remaining_->max) ? std::optional(Bounds{guess, guess}) : std::nullopt;
  } else if (verdict == ReplyMeaning::higher || verdict == ReplyMeaning::lower) {
    remaining_ = narrow(*remaining_, guess, verdict == ReplyMeaning::higher ? Verdict::higher : Verdict::lower);
  }
  return remaining_.has_value();
}

}  // namespace liaison::core
