#include "support/text_scan.hpp"

#include <algorithm>
#include <charconv>

namespace liaison::testing {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool Scan::literal(std::string_view word) {
  if (!rest_.starts_with(word)) return false;
  rest_.remove_prefix(word.size());
  return true;
}

bool Scan::shape(std::string_view shape) {
  if (rest_.size() < shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i)
    if (shape[i] == '#' ? !is_digit(rest_[i]) : rest_[i] != shape[i]) return false;
  rest_.remove_prefix(shape.size());
  return true;
}

std::optional<long long> Scan::digits() {
  // from_chars would take a sign: \d+ does not.
  if (rest_.empty() || !is_digit(rest_.front())) return std::nullopt;
  return integer();
}

std::optional<long long> Scan::integer() {
  long long value = 0;
  const auto [end, error] = std::from_chars(rest_.data(), rest_.data() + rest_.size(), value);
  if (error != std::errc{}) return std::nullopt;
  rest_.remove_prefix(static_cast<std::size_t>(end - rest_.data()));
  return value;
}

std::string_view Scan::up_to(char stop) {
  const std::string_view read = rest_.substr(0, rest_.find(stop));
  rest_.remove_prefix(read.size());
  return read;
}

std::optional<long long> number_after(std::string_view text, std::string_view prefix, std::string_view suffix) {
  const std::vector<long long> numbers = numbers_after(text, prefix, suffix);
  if (numbers.empty()) return std::nullopt;
  return numbers.front();
}

std::vector<long long> numbers_after(std::string_view text, std::string_view prefix, std::string_view suffix) {
  std::vector<long long> numbers;
  for (auto at = text.find(prefix); at != text.npos; at = text.find(prefix, at + 1)) {
    Scan scan(text.substr(at + prefix.size()));
    const auto number = scan.digits();
    if (number && scan.literal(suffix)) numbers.push_back(*number);
  }
  return numbers;
}

std::vector<std::string_view> texts_between(std::string_view text, std::string_view before, std::string_view after) {
  std::vector<std::string_view> pieces;
  for (auto at = text.find(before); at != text.npos; at = text.find(before, at + 1)) {
    const std::size_t start = at + before.size();
    const std::size_t end = text.find(after, start);
    if (end != text.npos && end > start) pieces.push_back(text.substr(start, end - start));
  }
  return pieces;
}

std::vector<std::string_view> complete_lines(std::string_view text, std::string_view end) {
  std::vector<std::string_view> lines;
  for (auto at = text.find(end); at != text.npos; at = text.find(end)) {
    lines.push_back(text.substr(0, at));
    text.remove_prefix(at + end.size());
  }
  return lines;
}

bool is_lower_hex(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); });
}

}  // namespace liaison::testing
