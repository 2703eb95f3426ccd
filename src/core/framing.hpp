// The framing codec: how bytes on a stream become messages and back.
//
// The lesson's client sends each message as one raw chunk (no terminator) and
// reads each reply with one recv(1024). netcat and telnet send lines ending in
// "\n" or "\r\n". The decoder learns which one a client speaks from what it
// sends, and the encoder answers in that framing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace liaison::core {

// Largest message either side may send: the lesson's recv(1024).
inline constexpr std::size_t max_message_bytes = 1024;

enum class Framing {
  unknown,  // the client has not spoken yet
  raw,      // one chunk, no terminator: the lesson's Python client
  line,     // "\n" or "\r\n" terminated: netcat, telnet
};

struct Message {
  std::string text;       // without its line terminator
  bool too_long = false;  // over the limit: `text` is empty, the bytes were discarded
};

class Decoder {
 public:
  explicit Decoder(std::size_t max_bytes = max_message_bytes) : max_bytes_(max_bytes) {}

  // Feed the bytes of one read. Complete messages are appended to `out`.
  // A chunk without a newline from a client that never sent one is one raw
  // message; once a client has sent a newline, it is a line client for good
  // and partial lines wait for their end.
  void feed(std::string_view chunk, std::vector<Message>& out);

  Framing framing() const { return framing_; }

  // Bytes of an unfinished line held for the next read.
  std::size_t pending_bytes() const { return partial_.size(); }

 private:
  void feed_lines(std::string_view chunk, std::vector<Message>& out);
  void append_partial(std::string_view piece, std::vector<Message>& out);
  void finish_line(std::vector<Message>& out);

  std::size_t max_bytes_;
  Framing framing_ = Framing::unknown;
  std::string partial_;
  bool discarding_ = false;  // inside an over-long line, until its newline
};

// The bytes that carry `text` in `framing`:
// - raw: the text alone, cut to max_message_bytes on a UTF-8 boundary;
// - line: the text and one "\n";
// - unknown (nobody knows yet): like line, so that a line client sees a whole
//   line and the lesson's client merely prints a blank line, except FIN, which
//   always goes bare because the lesson's client only stops on an exact "FIN".
std::string encode(std::string_view text, Framing framing);

// The bytes of a notice the server sends on its own initiative, right before
// FIN (server full, idle, shutdown). A raw (or not yet known) client may not be
// reading when it arrives -- the lesson's client may be waiting for its user to
// type -- so the notice and the FIN could land in the same recv(1024) and the
// client would never see an exact "FIN". The notice is therefore padded with
// spaces to exactly max_message_bytes: the client's own recv(1024) then takes
// the notice alone and the next one takes "FIN" alone, whenever it reads.
// A line client simply gets one line.
std::string encode_notice(std::string_view text, Framing framing);

}  // namespace liaison::core
