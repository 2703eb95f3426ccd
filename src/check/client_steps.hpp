// Steps the client checks share: the greeting, one typed turn, what the
// server (liaison) answers, and how a run that went wrong is reported.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "check/client_run.hpp"

namespace liaison::check {

inline constexpr std::string_view greeting_text = "Bienvenue au juste prix ! Devinez le nombre entier entre 1 et 100.";

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
// The server's answer to a guess, as liaison's juste prix says it.
std::string answer_to(std::string_view message, std::int64_t secret, int tries);
// A run that could not even start, connect or show the greeting.
CheckResult broken_run(ClientRun& run, core::Lang lang, bool started);
// The program's output as the report quotes it: its last lines.
void quote_output(CheckResult& result, const ClientRun& run);

}  // namespace liaison::check
