#include "check/client_steps.hpp"

#include <fmt/format.h>

#include "core/words.hpp"

namespace liaison::check {

const core::Texts& game_texts() { return core::texts(core::Lang::fr); }

std::string greeting_text() { return game_texts().greeting.format(game_bounds.min, game_bounds.max); }

asio::awaitable<bool> greet(ClientRun& run) {
  const std::size_t from = run.program().output_seen();
  // The greeting ends with \n as liaison's does: a line client needs it.
  co_await run.peer().send(greeting_text() + "\n");
  co_return co_await run.shown("Devinez le nombre", from);
}

asio::awaitable<ClientMessage> next_message(ClientRun& run, const std::string& line) {
  ClientMessage message;
  message.typed = co_await run.wants_input();
  if (message.typed) co_await run.type(line);
  // Neither waiting for input nor sending by itself after a whole wait: it
  // is stuck (in a recv of its own, say), no need to wait as long again.
  const bool stuck = !message.typed && run.peer().available() == 0;
  message.received = co_await run.peer().receive(stuck ? run.timing().quiet : run.timing().reply, run.timing().quiet);
  const auto& bytes = message.received.bytes;
  if (!bytes.empty() && bytes.back() == '\n') run.line_client = true;
  co_return message;
}

std::string answer_to(std::string_view message, std::int64_t secret, int tries) {
  const core::Texts& texts = game_texts();
  const auto number = core::parse_whole_number(message);
  if (number.error) return texts.not_a_number.format(game_bounds.min, game_bounds.max);
  switch (core::judge(number.value, secret)) {
    case core::Verdict::higher: return std::string(texts.higher);
    case core::Verdict::lower: return std::string(texts.lower);
    case core::Verdict::found: break;
  }
  return texts.found.format(secret, tries);
}

void quote_output(CheckResult& result, const ClientRun& run) {
  if (!run.started()) return;
  result.output = run.program().last_lines(12);
}

CheckResult broken_run(ClientRun& run, core::Lang lang, bool started) {
  CheckResult result;
  const auto status = run.started() ? run.program().exit_status() : std::nullopt;
  if (!run.started()) {
    result = verdict(Outcome::failed,
                     std::string(tr(lang, "le programme n'a pas pu démarrer", "the program could not start")));
  } else if (status && *status != 0) {
    result = verdict(Outcome::crashed,
                     trf(lang, "le programme s'est terminé (statut {})", "the program ended (status {})", *status));
  } else if (!started) {
    result = verdict(Outcome::timeout, std::string(tr(lang, "aucune connexion au serveur (attendue sur 127.0.0.1)",
                                                      "no connection to the server (awaited on 127.0.0.1)")));
  } else {
    result =
        verdict(Outcome::failed,
                std::string(tr(lang, "le message du serveur n'est pas affiché", "the server's message is not shown")),
                run.transcript());
    result.expected = greeting_text();
  }
  quote_output(result, run);
  return result;
}

}  // namespace liaison::check
