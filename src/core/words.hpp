// How liaison reads what a person typed: blanks, FIN, numbers, yes and no.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace liaison::core {

// `text` without leading and trailing ASCII blanks (space, tab, CR, LF, VT, FF).
std::string_view trim(std::string_view text);

// True when `text`, blanks ignored, is "FIN" in any case: the end of a conversation.
bool is_fin(std::string_view text);

// The word that ends a conversation, exactly as the lesson's client expects it.
inline constexpr std::string_view fin = "FIN";

enum class NumberError { not_a_number, too_big };

struct ParsedNumber {
  std::int64_t value = 0;
  std::optional<NumberError> error;
};

// A whole number: blanks around, an optional sign, then ASCII digits only.
// "12abc", "1e3", "1.5", "٣" and "" are not numbers; digits that overflow
// 64 bits are `too_big`.
ParsedNumber parse_whole_number(std::string_view text);

enum class Answer { yes, no, other };

// o/oui/y/yes and n/non/no, in any case, blanks ignored.
Answer parse_yes_no(std::string_view text);

}  // namespace liaison::core
