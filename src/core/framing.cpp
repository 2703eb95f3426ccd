#include "core/framing.hpp"

#include "core/utf8.hpp"
#include "core/words.hpp"

namespace liaison::core {

void Decoder::feed(std::string_view chunk, std::vector<Message>& out) {
  if (chunk.empty()) return;
  if (framing_ != Framing::line && chunk.find('\n') == std::string_view::npos) {
    framing_ = Framing::raw;
    if (chunk.size() > max_bytes_) {
      out.push_back({.text = {}, .too_long = true});
    } else {
      out.push_back({.text = std::string(chunk), .too_long = false});
    }
    return;
  }
  framing_ = Framing::line;
  feed_lines(chunk, out);
}

void Decoder::feed_lines(std::string_view chunk, std::vector<Message>& out) {
  while (!chunk.empty()) {
    const auto newline = chunk.find('\n');
    append_partial(chunk.substr(0, newline), out);
    if (newline == std::string_view::npos) return;
    finish_line(out);
    chunk.remove_prefix(newline + 1);
  }
}

void Decoder::append_partial(std::string_view piece, std::vector<Message>& out) {
  if (discarding_) return;
  // One byte of slack for the '\r' of a "\r\n" terminator.
  if (partial_.size() + piece.size() > max_bytes_ + 1) {
    partial_.clear();
    partial_.shrink_to_fit();
    discarding_ = true;
    out.push_back({.text = {}, .too_long = true});
    return;
  }
  partial_.append(piece);
}

void Decoder::finish_line(std::vector<Message>& out) {
  if (discarding_) {
    discarding_ = false;
    return;
  }
  if (!partial_.empty() && partial_.back() == '\r') partial_.pop_back();
  if (partial_.size() > max_bytes_) {
    out.push_back({.text = {}, .too_long = true});
  } else {
    out.push_back({.text = std::move(partial_), .too_long = false});
  }
  partial_.clear();
}

std::string encode(std::string_view text, Framing framing) {
  switch (framing) {
    case Framing::raw:
      return std::string(utf8_prefix(text, max_message_bytes));
    case Framing::unknown:
      if (text == fin) return std::string(fin);
      [[fallthrough]];
    case Framing::line:
      break;
  }
  std::string bytes;
  bytes.reserve(text.size() + 1);
  bytes.append(text);
  bytes.push_back('\n');
  return bytes;
}

std::string encode_notice(std::string_view text, Framing framing) {
  if (framing == Framing::line) return encode(text, framing);
  std::string bytes(utf8_prefix(text, max_message_bytes - 1));
  bytes.push_back('\n');
  bytes.resize(max_message_bytes, ' ');
  return bytes;
}

}  // namespace liaison::core
