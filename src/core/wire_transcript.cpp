#include "core/wire_transcript.hpp"

#include <fmt/format.h>

namespace liaison::core {
namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xC2U && lead <= 0xDFU) return 2;
  if (lead >= 0xE0U && lead <= 0xEFU) return 3;
  if (lead >= 0xF0U && lead <= 0xF4U) return 4;
  return 0;
}

void append_hex(std::string& out, std::string_view bytes) {
  for (const char byte : bytes) out += fmt::format("\\x{:02X}", static_cast<unsigned char>(byte));
}

void append_ascii(std::string& out, char c) {
  switch (c) {
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\\':
      out += "\\\\";
      return;
    default:
      break;
  }
  if (static_cast<unsigned char>(c) < 0x20U || c == 0x7F) return append_hex(out, std::string_view(&c, 1));
  out += c;
}

// Length of a complete, plausible multi-byte character at the start of
// `rest`: 0 when the lead byte cannot lead or a continuation byte is missing.
std::size_t whole_character(std::string_view rest, std::size_t length) {
  if (length == 0 || rest.size() < length) return 0;
  for (std::size_t k = 1; k < length; ++k)
    if (!is_continuation(static_cast<unsigned char>(rest[k]))) return 0;
  return length;
}

// True when `rest` is the start of a character the message's end cut.
bool is_cut_character(std::string_view rest, std::size_t length) {
  if (length == 0 || rest.size() >= length) return false;
  for (std::size_t k = 1; k < rest.size(); ++k)
    if (!is_continuation(static_cast<unsigned char>(rest[k]))) return false;
  return true;
}

}  // namespace

std::string show_invisible(std::string_view bytes, std::string_view cut_marker) {
  std::string out;
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    const std::string_view rest = bytes.substr(i);
    if (lead < 0x80U) {
      append_ascii(out, bytes[i++]);
    } else if (const std::size_t n = whole_character(rest, sequence_length(lead)); n != 0) {
      out += rest.substr(0, n);
      i += n;
    } else if (is_cut_character(rest, sequence_length(lead))) {
      append_hex(out, rest);
      out += cut_marker;
      i = bytes.size();
    } else {
      append_hex(out, rest.substr(0, 1));
      ++i;
    }
  }
  return out;
}

std::string format_wire_message(const WireMessage& message, Lang lang) {
  const bool fr = lang == Lang::fr;
  const std::string_view arrow = message.direction == WireDirection::sent ? "→" : "←";
  const std::string_view unit =
      fr ? (message.bytes.size() > 1 ? "octets" : "octet") : (message.bytes.size() > 1 ? "bytes" : "byte");
  const std::string text = show_invisible(message.bytes, fr ? "⟨UTF-8 coupé⟩" : "⟨cut UTF-8⟩");
  return fmt::format("+{}.{:03} s {} {:4} {:6} {}", message.at_ms / 1000, message.at_ms % 1000, arrow,
                     message.bytes.size(), unit, text);
}

std::string_view describe(WireClose why, Lang lang) {
  const bool fr = lang == Lang::fr;
  switch (why) {
    case WireClose::after_fin: return fr ? "fermée après FIN" : "closed after FIN";
    case WireClose::by_peer: return fr ? "fermée par l'autre côté" : "closed by the other side";
    case WireClose::by_us: return fr ? "fermée de notre côté" : "closed on our side";
    case WireClose::write_failed: return fr ? "fermée : écriture impossible" : "closed: write failed";
    case WireClose::not_reading: return fr ? "fermée : le client ne lit pas ses réponses" : "closed: the client does not read its replies";
    case WireClose::idle: return fr ? "fermée : client silencieux trop longtemps" : "closed: client idle too long";
    case WireClose::shutdown: return fr ? "fermée : arrêt du serveur" : "closed: server shutdown";
    case WireClose::kicked: return fr ? "fermée par l'enseignant" : "closed by the teacher";
  }
  return "?";
}

void WireTrace::closed(WireClose why, std::int64_t at_ms) {
  out_(fmt::format("{}+{}.{:03} s × {}", peer_, at_ms / 1000, at_ms % 1000, describe(why, lang_)));
}

void WireTrace::emit(const WireMessage& message) { out_(peer_ + format_wire_message(message, lang_)); }

}  // namespace liaison::core
