// UTF-8 checks for text that crosses the wire.
#pragma once

#include <cstddef>
#include <string_view>

namespace liaison::core {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view text);

// The longest prefix of `text` of at most `max_bytes` bytes that does not end
// inside a multi-byte character.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

// Characters (code points) in valid UTF-8 `text`: what a terminal's column
// count is for most scripts, used to align tables.
std::size_t code_points(std::string_view text);

}  // namespace liaison::core
