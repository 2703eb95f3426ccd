#include "core/utf8.hpp"

namespace liaison::core {
namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

// Length of the sequence a lead byte opens, or 0 for a byte that cannot lead.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80U) return 1;
  if (lead >= 0xC2U && lead <= 0xDFU) return 2;
  if (lead >= 0xE0U && lead <= 0xEFU) return 3;
  if (lead >= 0xF0U && lead <= 0xF4U) return 4;
  return 0;
}

// Range allowed for the byte after `lead` (rules out overlongs, surrogates, > U+10FFFF).
bool second_byte_ok(unsigned char lead, unsigned char second) {
  switch (lead) {
    case 0xE0U: return second >= 0xA0U && second <= 0xBFU;
    case 0xEDU: return second >= 0x80U && second <= 0x9FU;
    case 0xF0U: return second >= 0x90U && second <= 0xBFU;
    case 0xF4U: return second >= 0x80U && second <= 0x8FU;
    default: return is_continuation(second);
  }
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = sequence_length(lead);
    if (length == 0 || i + length > text.size()) return false;
    if (length > 1 && !second_byte_ok(lead, static_cast<unsigned char>(text[i + 1]))) return false;
    for (std::size_t k = 2; k < length; ++k)
      if (!is_continuation(static_cast<unsigned char>(text[i + k]))) return false;
    i += length;
  }
  return true;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && is_continuation(static_cast<unsigned char>(text[end]))) --end;
  return text.substr(0, end);
}

std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char byte : text)
    if (!is_continuation(static_cast<unsigned char>(byte))) ++count;
  return count;
}

}  // namespace liaison::core
