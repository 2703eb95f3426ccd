// The lesson's client (`liaison connect`): the server speaks first, then
// turns alternate: show its message, read a line from the person, send it.
// FIN from the server ends the conversation.
//
// What it adds to the lesson: it never sends an empty line (that would leave
// both sides waiting forever), Ctrl-D says FIN, a server that leaves without
// FIN ends it with an error instead of an endless loop of empty messages, a
// FIN or a departure is noticed even while the person types, and bytes that
// are not UTF-8 or far too many are shown without a crash.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/texts.hpp"

namespace liaison::client {

struct ClientOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 50000;
  // false: the lesson's framing, each line sent alone without terminator,
  // each read of up to 1024 bytes one message. true: "\n"-terminated lines
  // both ways, for line servers.
  bool lines = false;
  const core::Texts* texts = &core::texts(core::Lang::fr);
  // --trace: every message both ways on stderr, as `check` shows them, in this language.
  std::optional<core::Lang> trace;
};

// Runs one conversation on stdin/stdout. Returns the exit code: 0 after FIN,
// 1 when the connection fails or the server leaves without FIN, 128 + N when
// stopped by signal N (130 for Ctrl-C).
int run_lesson_client(const ClientOptions& options);

}  // namespace liaison::client
