// Fuzzes the framing codec: the input is cut into reads and fed to a Decoder,
// whose messages are checked against a simple model of the framing rules; the
// encoders (encode, encode_notice) are checked on the whole input and on the
// first messages.
//
// Input layout: byte 0 = h; the next 1 + (h & 3) bytes are chunk sizes, used in
// turn, each multiplied by 1 << (h >> 5) (so reads range from 1 byte to ~32 KB;
// a size of 0 feeds an empty read, then one byte); the rest is the stream.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/framing.hpp"
#include "core/utf8.hpp"

namespace {

using liaison::core::Decoder;
using liaison::core::Framing;
using liaison::core::max_message_bytes;
using liaison::core::Message;

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "framing_fuzz: invariant broken: %s\n", what);
  std::abort();
}

// The framing rules, written the obvious way: until a newline shows up every
// non-empty read is one message; from the read holding the first newline on,
// the stream is lines, each losing one trailing '\r', too long past the limit;
// an unfinished line is reported too long as soon as it cannot fit any more.
class Model {
 public:
  void feed(std::string_view chunk, std::vector<Message>& out) {
    if (chunk.empty()) return;
    if (!lines_ && chunk.find('\n') == std::string_view::npos) {
      if (chunk.size() > max_message_bytes)
        out.push_back({.text = {}, .too_long = true});
      else
        out.push_back({.text = std::string(chunk), .too_long = false});
      return;
    }
    lines_ = true;
    for (char c : chunk) {
      if (c != '\n') {
        line_.push_back(c);
        // Line + '\r' can no longer fit: say so once, now.
        if (line_.size() == max_message_bytes + 2) out.push_back({.text = {}, .too_long = true});
        continue;
      }
      const bool reported = line_.size() >= max_message_bytes + 2;
      if (!line_.empty() && line_.back() == '\r') line_.pop_back();
      if (line_.size() <= max_message_bytes)
        out.push_back({.text = line_, .too_long = false});
      else if (!reported)
        out.push_back({.text = {}, .too_long = true});
      line_.clear();
    }
  }

  bool lines() const { return lines_; }

 private:
  bool lines_ = false;
  std::string line_;
};

bool same(const Message& a, const Message& b) { return a.text == b.text && a.too_long == b.too_long; }

void check_encode(std::string_view text) {
  const std::string raw = encode(text, Framing::raw);
  check(raw.size() <= max_message_bytes, "encode(raw) fits in one recv(1024)");
  check(std::string_view(text).starts_with(raw), "encode(raw) is a prefix of the text");
  if (text.size() <= max_message_bytes) check(raw == text, "encode(raw) keeps a text that fits");
  if (liaison::core::is_valid_utf8(text)) {
    check(liaison::core::is_valid_utf8(raw), "encode(raw) of valid UTF-8 is valid UTF-8");
    check(raw.size() + 3 >= max_message_bytes || raw.size() == text.size(), "encode(raw) cuts at most one character");
  }
  const std::string line = encode(text, Framing::line);
  check(!line.empty() && line.back() == '\n', "encode(line) ends with a newline");
  check(line.size() == text.size() + 1 && std::string_view(line).starts_with(text), "encode(line) is text + \\n");
  const std::string unknown = encode(text, Framing::unknown);
  check(unknown == (text == "FIN" ? std::string("FIN") : line), "encode(unknown) is a line, except bare FIN");
  for (Framing framing : {Framing::raw, Framing::unknown}) {
    const std::string notice = encode_notice(text, framing);
    check(notice.size() == max_message_bytes, "encode_notice fills exactly one recv(1024)");
    const std::size_t newline = notice.find('\n');
    check(newline != std::string::npos && text.starts_with(std::string_view(notice).substr(0, newline)),
          "encode_notice starts with a prefix of the text and a newline");
    if (text.find('\n') == std::string_view::npos)
      check(notice.find_first_not_of(' ', newline + 1) == std::string::npos, "encode_notice pads with spaces");
    if (liaison::core::is_valid_utf8(text)) check(liaison::core::is_valid_utf8(notice), "encode_notice keeps UTF-8 valid");
  }
  check(encode_notice(text, Framing::line) == line, "encode_notice(line) is a line");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned header = data[0];
  const std::size_t size_count = 1 + (header & 3U);
  const std::size_t scale = std::size_t{1} << (header >> 5U);
  if (size < 1 + size_count) return 0;
  const std::uint8_t* sizes = data + 1;
  const std::string_view stream(reinterpret_cast<const char*>(data + 1 + size_count), size - 1 - size_count);

  Decoder decoder;
  Model model;
  std::vector<Message> got;
  std::vector<Message> expected;
  std::size_t offset = 0;
  for (std::size_t turn = 0; offset < stream.size(); ++turn) {
    std::size_t length = sizes[turn % size_count] * scale;
    if (length == 0) {
      const std::size_t before = got.size();
      decoder.feed({}, got);
      check(got.size() == before, "an empty read decodes nothing");
      length = 1;
    }
    const std::string_view chunk = stream.substr(offset, length);
    offset += chunk.size();

    const std::size_t first_new = got.size();
    decoder.feed(chunk, got);
    model.feed(chunk, expected);

    check(decoder.pending_bytes() <= max_message_bytes + 1, "pending bytes stay within the limit + '\\r'");
    check(decoder.framing() != Framing::unknown, "a non-empty read decides the framing");
    check((decoder.framing() == Framing::line) == model.lines(), "framing matches the model");
    for (std::size_t i = first_new; i < got.size(); ++i) {
      const Message& m = got[i];
      check(m.text.size() <= max_message_bytes, "messages are at most 1024 bytes");
      check(!m.too_long || m.text.empty(), "too-long messages carry no text");
      check(m.text.find('\n') == std::string::npos, "messages hold no newline");
    }
    check(got.size() == expected.size(), "as many messages as the model");
    for (std::size_t i = first_new; i < got.size(); ++i) check(same(got[i], expected[i]), "messages match the model");
  }

  // The encoders on the whole input and on a few messages (all of them would
  // cost a padded 1024-byte notice per byte for byte-sized reads).
  check_encode(stream);
  for (std::size_t i = 0; i < got.size() && i < 8; ++i) check_encode(got[i].text);
  return 0;
}
