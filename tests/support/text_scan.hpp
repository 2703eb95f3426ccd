// Reading what the tests receive (a server's lines, JSON, CSV) without
// <regex>: GCC 12's <regex> warns under the sanitizers. Each helper says in
// words the pattern it replaces; "digits" means \d+ (no sign).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace liaison::testing {

// Reads a text from left to right. Each step consumes what it read only when
// it matched, so steps chain with &&: scan.literal("(essai ") && scan.digits().
class Scan {
 public:
  explicit Scan(std::string_view text) : rest_(text) {}
  // A Scan keeps a view of the text: never of a temporary string.
  explicit Scan(std::string&&) = delete;

  // The text goes on with `word`.
  bool literal(std::string_view word);
  // The text goes on with `shape`, where each '#' is any digit and every other
  // character is itself: shape("####-##-##T") for a date.
  bool shape(std::string_view shape);
  // \d+ and -?\d+: the number, or nothing when the text goes on otherwise.
  std::optional<long long> digits();
  std::optional<long long> integer();
  // Everything up to `stop` (excluded) or the end: [^stop]*.
  std::string_view up_to(char stop);
  // Nothing is left.
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

// The number in the first `prefix` + digits + `suffix` of `text`
// (the regex prefix(\d+)suffix, searched).
std::optional<long long> number_after(std::string_view text, std::string_view prefix, std::string_view suffix = {});
// Every such number, left to right.
std::vector<long long> numbers_after(std::string_view text, std::string_view prefix, std::string_view suffix = {});

// Every non-empty piece of `text` that follows `before` and ends where `after`
// begins (before([^after]+)after when `after` is one character).
std::vector<std::string_view> texts_between(std::string_view text, std::string_view before, std::string_view after);

// The lines of `text` that end with `end`, without it (a last line without
// `end` is not complete, so not there).
std::vector<std::string_view> complete_lines(std::string_view text, std::string_view end = "\n");

// Only 0-9 and a-f, and at least one of them.
bool is_lower_hex(std::string_view text);

}  // namespace liaison::testing
