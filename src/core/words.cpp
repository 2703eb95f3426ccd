#include "core/words.hpp"

#include <algorithm>
#include <charconv>
#include <string>

namespace liaison::core {
namespace {

bool is_blank(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

bool is_one_of(std::string_view word, std::initializer_list<std::string_view> choices) {
  return std::ranges::any_of(choices, [&](std::string_view c) { return equals_ignoring_case(word, c); });
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

bool is_fin(std::string_view text) { return equals_ignoring_case(trim(text), fin); }

ParsedNumber parse_whole_number(std::string_view text) {
  std::string_view word = trim(text);
  bool negative = false;
  if (!word.empty() && (word.front() == '+' || word.front() == '-')) {
    negative = word.front() == '-';
    word.remove_prefix(1);
  }
  const bool all_digits = !word.empty() && std::ranges::all_of(word, [](char c) { return c >= '0' && c <= '9'; });
  if (!all_digits) return {.error = NumberError::not_a_number};
  // Parse with the sign attached so that INT64_MIN is representable.
  std::string signed_digits = negative ? "-" : "";
  signed_digits.append(word);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(signed_digits.data(), signed_digits.data() + signed_digits.size(), value);
  if (error != std::errc{} || end != signed_digits.data() + signed_digits.size()) return {.error = NumberError::too_big};
  return {.value = value, .error = std::nullopt};
}

Answer parse_yes_no(std::string_view text) {
  const std::string_view word = trim(text);
  if (is_one_of(word, {"o", "oui", "y", "yes"})) return Answer::yes;
  if (is_one_of(word, {"n", "non", "no"})) return Answer::no;
  return Answer::other;
}

}  // namespace liaison::core
