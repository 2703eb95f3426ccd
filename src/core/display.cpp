#include "core/display.hpp"

#include <algorithm>

#include "core/utf8.hpp"
#include "core/words.hpp"

namespace liaison::core {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

// Bytes of the sequence a lead byte opens (1 for a byte that cannot lead:
// it is replaced alone).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xC2U && lead <= 0xDFU) return 2;
  if (lead >= 0xE0U && lead <= 0xEFU) return 3;
  if (lead >= 0xF0U && lead <= 0xF4U) return 4;
  return 1;
}

bool is_control(unsigned char byte) { return (byte < 0x20U && byte != '\n' && byte != '\t') || byte == 0x7FU; }

// U+0080..U+009F, encoded C2 80..C2 9F: some terminals obey them too.
bool is_c1_control(std::string_view sequence) {
  return sequence.size() == 2 && static_cast<unsigned char>(sequence[0]) == 0xC2U &&
         static_cast<unsigned char>(sequence[1]) <= 0x9FU;
}

}  // namespace

std::string_view without_line_end(std::string_view message) {
  if (message.ends_with("\r\n")) return message.substr(0, message.size() - 2);
  if (message.ends_with('\n')) return message.substr(0, message.size() - 1);
  return message;
}

std::string printable(std::string_view bytes) {
  std::string shown;
  shown.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    const std::size_t length = std::min(sequence_length(lead), bytes.size() - i);
    const std::string_view sequence = bytes.substr(i, length);
    if (!is_valid_utf8(sequence)) {
      shown.append(replacement);
      i += 1;  // resynchronise on the next byte
      continue;
    }
    const bool control = is_c1_control(sequence) || (length == 1 && is_control(lead));
    shown.append(control ? replacement : sequence);
    i += length;
  }
  return shown;
}

bool ends_conversation(std::string_view message) {
  const std::string_view text = without_line_end(message);
  return is_fin(text) && trim(text).size() == text.size();
}

}  // namespace liaison::core
