#include "check/client_probes.hpp"

#include "check/client_steps.hpp"

namespace liaison::check {
namespace {

namespace asio = asio;

CheckResult first_message_shown(ClientRun& run, core::Lang lang) {
  return verdict(Outcome::passed, trf(lang, "« {} » affiché", "\"{}\" shown", greeting_text()), run.transcript());
}

// "50" raw (as the lesson's client) or "50\n" (a line): both accepted, the
// report says which.
CheckResult one_message(ClientRun& run, const ClientMessage& message, core::Lang lang) {
  const auto& bytes = message.received.bytes;
  const bool raw = bytes == "50";
  const bool line = bytes == "50\n" || bytes == "50\r\n";
  if (!message.typed && message.received.status == Received::Status::data)
    return verdict(Outcome::passed,
                   trf(lang, "client automatique : il envoie {} sans rien attendre au clavier",
                       "automatic client: it sends {} without waiting for the keyboard", in_quotes(bytes)),
                   run.transcript());
  if ((raw || line) && message.received.reads == 1)
    return verdict(Outcome::passed,
                   raw ? std::string(tr(lang, "« 50 » tapé arrive en un message brut, sans \\n (comme la leçon)",
                                        "\"50\" typed arrives as one raw message, no \\n (as the lesson)"))
                       : std::string(tr(lang, "« 50 » tapé arrive en une ligne terminée par \\n",
                                        "\"50\" typed arrives as one line ending in \\n")),
                   run.transcript());
  auto result = verdict(message.received.status == Received::Status::timeout ? Outcome::timeout : Outcome::failed,
                        message.received.status == Received::Status::data
                            ? trf(lang, "« 50 » tapé arrive comme {} en {} morceau(x)",
                                  "\"50\" typed arrives as {} in {} piece(s)", in_quotes(bytes), message.received.reads)
                            : std::string(tr(lang, "rien n'arrive au serveur après « 50 » tapé",
                                             "nothing reaches the server after typing \"50\"")),
                        run.transcript());
  result.expected = tr(lang, "« 50 » ou « 50\\n », en un seul envoi", "\"50\" or \"50\\n\", in one send");
  quote_output(result, run);
  return result;
}

asio::awaitable<CheckResult> run_started(std::string_view id, ClientRun& run, core::Lang lang) {
  if (id == "client/premier-message") co_return first_message_shown(run, lang);
  if (id == "client/un-message-par-ligne") co_return one_message(run, co_await next_message(run, "50"), lang);
  if (id == "client/affiche-reponses") co_return co_await check_replies_shown(run, lang);
  if (id == "client/partie") co_return co_await check_game(run, lang);
  if (id == "client/fin-serveur") co_return co_await check_server_fin(run, lang, false);
  if (id == "client/fin-apres-message") co_return co_await check_server_fin(run, lang, true);
  if (id == "client/fin-tapee") co_return co_await check_typed_fin(run, lang);
  if (id == "client/fermeture-sans-fin") co_return co_await check_close_without_fin(run, lang);
  co_return verdict(Outcome::skipped, std::string(id));
}

}  // namespace

asio::awaitable<CheckResult> run_client_check(std::string_view id, asio::any_io_executor executor, ClientTarget target,
                                              core::Lang lang, Timing timing) {
  ClientRun run(executor, target, timing);
  if (id == "client/sans-serveur") {
    co_await run.start(true);
    co_return co_await check_no_server(run, lang);
  }
  const bool connected = co_await run.start();
  if (!connected || !co_await greet(run)) co_return broken_run(run, lang, connected);
  co_return co_await run_started(id, run, lang);
}

}  // namespace liaison::check
