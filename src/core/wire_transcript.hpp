// The view of the wire the lesson's students never get to see: one line per
// message, with its direction, its time, its size in bytes and its text, the
// invisible characters shown (\n, \r, control bytes, invalid or cut UTF-8).
// Pure: the caller says when a message passed (no clock here) and where the
// line goes (no I/O here). `check`, and `serve --trace` / `connect --trace`,
// print the same lines.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "core/texts.hpp"

namespace liaison::core {

// Seen from the program that traces: what it sent, what it received.
enum class WireDirection { sent, received };

struct WireMessage {
  WireDirection direction = WireDirection::sent;
  std::int64_t at_ms = 0;  // since the connection opened
  std::string bytes;
};

// `bytes` as readable text: \n, \r, \t and \\ escaped, other control bytes
// and bytes that are not UTF-8 as \xNN, a multi-byte character cut at the end
// of the message as its bytes followed by `cut_marker`.
std::string show_invisible(std::string_view bytes, std::string_view cut_marker = "⟨UTF-8 coupé⟩");

// "  +0.012 s  →  3 octets  50\n" (→ sent, ← received), in `lang`.
std::string format_wire_message(const WireMessage& message, Lang lang);

// Why a traced connection closed, as its last line says it.
enum class WireClose {
  after_fin,     // the conversation ended on FIN
  by_peer,       // the other side closed (end of stream) or reset it
  by_us,         // we closed it (a client that leaves)
  write_failed,  // what we sent could not be written
  not_reading,   // the client leaves its replies unread
  idle,          // the client was silent too long
  shutdown,      // the server stops
  kicked,        // the teacher sent it away
};

std::string_view describe(WireClose why, Lang lang);

// A connection's trace: each message becomes one line given to `out`, with
// `peer` in front ("127.0.0.1:51234 "). The caller passes the time elapsed
// since the connection opened; the sink keeps no state but those three.
class WireTrace {
 public:
  WireTrace(std::function<void(std::string_view line)> out, Lang lang, std::string peer)
      : out_(std::move(out)), lang_(lang), peer_(std::move(peer)) {}

  void sent(std::string_view bytes, std::int64_t at_ms) { emit({WireDirection::sent, at_ms, std::string(bytes)}); }
  void received(std::string_view bytes, std::int64_t at_ms) {
    emit({WireDirection::received, at_ms, std::string(bytes)});
  }
  // "× fermée après FIN": the connection's last line.
  void closed(WireClose why, std::int64_t at_ms);

 private:
  void emit(const WireMessage& message);

  std::function<void(std::string_view)> out_;
  Lang lang_;
  std::string peer_;
};

}  // namespace liaison::core
