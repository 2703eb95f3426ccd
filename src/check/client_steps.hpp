// Steps the client checks share: the greeting, one typed turn, what the
// server (liaison) answers, and how a run that went wrong is reported.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "check/client_run.hpp"
#include "core/bounds.hpp"
#include "core/texts.hpp"

namespace liaison::check {

// liaison plays the juste prix server for the student's client with its own
// rule and words (core/bounds.hpp, core/texts.hpp), in French, the lesson's
// language, on 1 to 100, without offering a replay.
inline constexpr core::Bounds game_bounds{.min = 1, .max = 100};
const core::Texts& game_texts();
// "Bienvenue au juste prix ! Devinez le nombre entier entre 1 et 100."
std::string greeting_text();

// One message of the client: typed by us when it waited for input, or sent
// on its own (an automatic client).
struct ClientMessage {
  Received received;
  bool typed = false;
};

// Accepts the run's connection, sends the greeting; true once it is shown.
asio::awaitable<bool> greet(ClientRun& run);
// Types `line` when the program waits for input (or takes what it sent by itself).
asio::awaitable<ClientMessage> next_message(ClientRun& run, const std::string& line);
// The server's answer to a guess, as liaison's juste prix says it: the
// core's judge and sentences (the win without the replay question).
std::string answer_to(std::string_view message, std::int64_t secret, int tries);
// A run that could not even start, connect or show the greeting.
CheckResult broken_run(ClientRun& run, core::Lang lang, bool started);
// The program's output as the report quotes it: its last lines.
void quote_output(CheckResult& result, const ClientRun& run);

}  // namespace liaison::check
