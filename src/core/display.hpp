// How the lesson's programs show and recognise what the other side sent.
// Pure text functions, shared by `liaison connect` and the operator console.
#pragma once

#include <string>
#include <string_view>

namespace liaison::core {

// `message` without one trailing "\n" or "\r\n": a line server's terminator
// is framing, not text to show.
std::string_view without_line_end(std::string_view message);

// Text safe to print on a terminal: each byte that is not part of valid
// UTF-8 becomes U+FFFD, and so does each control character but "\n" and
// "\t", so that a hostile peer can neither crash the display nor move the
// cursor or recolour the terminal.
std::string printable(std::string_view bytes);

// True when the lesson's client would stop on `message`: the whole message,
// once its line end is removed, is FIN in any case (it compares
// message.upper() == "FIN"). Unlike core::is_fin, blanks around do not count.
bool ends_conversation(std::string_view message);

}  // namespace liaison::core
