// When has the bench read a whole reply? Pure: no socket.
//
// In line framing (and for the very first greeting, which the server ends with
// "\n" before it knows the framing) a reply ends at its "\n". In raw framing a
// reply has no terminator: the server sends each one in one write, but TCP may
// still deliver it in pieces, so the bench keeps reading until the bytes read
// as one of the server's sentences in full ("C'est plus !", "Gagné ! ...
// (o/n)", a greeting ending in "."), in French or English.
#pragma once

#include <string_view>

namespace liaison::bench {

enum class ReplyState {
  partial,     // the start of a known sentence: read on
  whole,       // one complete reply
  unexpected,  // not a sentence of the game, or bytes after the reply
};

ReplyState line_reply_state(std::string_view bytes);
ReplyState raw_reply_state(std::string_view bytes);

// The reply without its "\n" or "\r\n".
std::string_view without_terminator(std::string_view reply);

}  // namespace liaison::bench
