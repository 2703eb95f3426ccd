// Every sentence liaison says, in French (the lesson's language) and English.
// The services and clients format these; nothing else holds user-facing text.
// A sentence with placeholders is a Text of its arguments' types
// (core/text.hpp): a placeholder or an argument that does not fit them does
// not compile.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/text.hpp"

namespace liaison::core {

enum class Lang { fr, en };

struct Texts {
  // juste prix: {0} = min, {1} = max
  Text<std::int64_t, std::int64_t> greeting;
  std::string_view higher;                                          // guess below the secret
  std::string_view lower;                                           // guess above the secret
  Text<std::int64_t, int> won;                                      // {0} = secret, {1} = tries
  Text<std::int64_t, int> found;  // the win alone, no replay offered (`liaison check`'s server): won's first sentence
  Text<std::int64_t, std::int64_t> not_a_number;                    // {0} = min, {1} = max
  Text<std::string_view, std::int64_t, std::int64_t> out_of_range;  // {0} = guess, {1} = min, {2} = max
  Text<std::int64_t, std::int64_t> empty_message;                   // {0} = min, {1} = max
  std::string_view invalid_utf8;
  std::string_view replay_question;  // answer to anything but yes/no after a win
  Text<std::size_t> too_long;        // {0} = limit in bytes
  // server-initiated ends, each followed by FIN
  Text<std::size_t> server_full;            // {0} = limit
  Text<std::size_t> too_many_from_address;  // {0} = limit
  Text<std::int64_t> idle_kick;             // {0} = seconds
  std::string_view shutting_down;
  std::string_view score_not_recorded;  // the game was won, but the scores file could not take it
  std::string_view score_recorded_later;  // ... the database is away; the game waits for it
  Text<std::size_t> pushes_dropped;     // {0} = messages a client too slow to read did not get
  // echo
  std::string_view echo_greeting;
  std::string_view echo_prefix;  // "echo : "
  // operator console (chat service) and clients
  Text<std::string_view> server_ready;      // {0} = address
  Text<std::string_view> client_connected;  // {0} = peer address
  std::string_view restart_or_stop;
  Text<std::string_view, std::string_view> cannot_start;   // {0} = address, {1} = reason
  Text<std::string_view> web_ready;                        // {0} = the web side's address
  Text<std::string_view, std::string_view> teacher_token;  // {0} = token, {1} = the web side's address
  std::string_view connection_failed;
  std::string_view connection_ended;
  std::string_view server_vanished;
  std::string_view client_vanished;  // the operator console's client left without FIN
  std::string_view interrupted;      // Ctrl-C
  Text<std::size_t> hidden_bytes;    // {0} = bytes of an over-long message not shown
  Text<std::size_t> line_cut;        // {0} = limit in bytes
  std::string_view me_prompt;        // "moi > "
  std::string_view server_label;     // "serveur > "
  std::string_view client_label;     // "client > "
  std::string_view yes_short;        // "o" / "y"
  std::string_view no_short;         // "n"
};

const Texts& texts(Lang lang);

}  // namespace liaison::core
