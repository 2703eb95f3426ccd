// The client checks about ending: on the server's FIN (alone, or right after
// another message), on a typed fin, when the server closes without FIN, and
// when no server listens at all.
#include <algorithm>

#include "check/client_probes.hpp"
#include "check/client_steps.hpp"
#include "core/words.hpp"

namespace liaison::check {
namespace {

namespace asio = asio;
using namespace std::chrono_literals;

// The limit for ending after FIN: 2 s (more when replies may be slow).
Clock::duration end_limit(const ClientRun& run) { return std::max<Clock::duration>(2s, run.timing().reply); }

// Why it has not ended: seen waiting on us (it cannot end by itself), or
// still at work when the time was up.
std::string still_running(ClientRun& run, core::Lang lang, std::string_view after) {
  const bool reading = run.program().waits_for_input();
  if (run.stuck())
    return reading ? trf(lang, "ne s'arrête pas après {} : il attend une saisie au clavier",
                         "does not end after {}: it waits for a line from the keyboard", after)
                   : trf(lang, "ne s'arrête pas après {} : il attend encore un message du serveur",
                         "does not end after {}: it still waits for a message from the server", after);
  return trf(lang, "toujours en marche {} s après {}{}", "still running {} s after {}{}",
             std::chrono::duration_cast<std::chrono::seconds>(end_limit(run)).count(), after,
             reading ? tr(lang, " : il attend une saisie", ": it waits for input") : "");
}

CheckResult ended(ClientRun& run, core::Lang lang, std::optional<int> status, std::string_view after) {
  if (status == 0 && !has_traceback(run.program().output()))
    return verdict(Outcome::passed, trf(lang, "terminé (statut 0) après {}", "ended (status 0) after {}", after));
  CheckResult result;
  if (!status) {
    result = verdict(Outcome::failed, still_running(run, lang, after), run.transcript());
    result.expected = tr(lang, "la fin du programme, statut 0", "the program's end, status 0");
  } else {
    result = verdict(*status == 0 ? Outcome::failed : Outcome::crashed,
                     trf(lang, "terminé avec le statut {} après {}{}", "ended with status {} after {}{}", *status,
                         after, has_traceback(run.program().output()) ? " (Traceback)" : ""),
                     run.transcript());
  }
  quote_output(result, run);
  return result;
}

}  // namespace

asio::awaitable<CheckResult> check_server_fin(ClientRun& run, core::Lang lang, bool after_message) {
  const auto message = co_await next_message(run, "50");
  if (message.received.status != Received::Status::data) co_return broken_run(run, lang, true);
  if (after_message) {
    const std::size_t from = run.program().output_seen();
    const std::string higher(game_texts().higher);
    co_await run.reply(higher);
    co_await run.shown(higher, from);
  }
  co_await run.reply("FIN");
  // A turn-based client reads FIN only after the person typed again.
  if (after_message && co_await run.wants_input()) co_await run.type("25");
  const auto status = co_await run.exited(end_limit(run));
  co_return ended(run, lang, status,
                  after_message ? tr(lang, "« C'est plus ! » puis FIN", "\"C'est plus !\" then FIN") : "FIN");
}

asio::awaitable<CheckResult> check_typed_fin(ClientRun& run, core::Lang lang) {
  const auto message = co_await next_message(run, "fin");
  if (!message.typed && message.received.status == Received::Status::data)
    co_return verdict(Outcome::info, std::string(tr(lang, "client automatique : il ne lit pas le clavier",
                                                    "automatic client: it does not read the keyboard")));
  const bool said_fin = core::is_fin(message.received.bytes);
  if (said_fin) co_await run.reply("FIN");
  const auto status = co_await run.exited(end_limit(run));
  auto result = ended(run, lang, status, tr(lang, "« fin » tapé", "\"fin\" typed"));
  if (result.outcome == Outcome::passed && !said_fin)
    result.summary += tr(lang, " (sans prévenir le serveur)", " (without telling the server)");
  co_return result;
}

asio::awaitable<CheckResult> check_close_without_fin(ClientRun& run, core::Lang lang) {
  const auto message = co_await next_message(run, "50");
  if (message.received.status != Received::Status::data) co_return broken_run(run, lang, true);
  run.peer().shutdown_send();
  const auto deadline = Clock::now() + end_limit(run);
  int prompts = 0;
  while (!run.program().exit_status() && Clock::now() < deadline && prompts < 5) {
    if (!co_await run.asks_again()) break;
    co_await run.type("25");
    ++prompts;
  }
  const auto status = co_await run.exited(deadline - Clock::now());
  auto result = ended(run, lang, status, tr(lang, "la fermeture sans FIN", "the close without FIN"));
  if (!status && prompts > 0)
    result.actual = trf(lang, "il redemande une saisie ({} fois) : recv() renvoie b'' et la boucle continue",
                        "it asks for input again ({} times): recv() returns b'' and the loop goes on", prompts);
  co_return result;
}

asio::awaitable<CheckResult> check_no_server(ClientRun& run, core::Lang lang) {
  if (!run.started()) co_return broken_run(run, lang, false);
  // Its start counts too: a loaded machine may take seconds to start Python.
  const auto status = co_await run.exited(run.timing().start + end_limit(run));
  const auto lines = run.program().last_lines(3);
  const bool said = std::ranges::any_of(lines, [](const std::string& line) { return !core::trim(line).empty(); });
  if (status && !has_traceback(run.program().output()) && said)
    co_return verdict(Outcome::passed,
                      trf(lang, "affiche « {} » et se termine", "prints \"{}\" and ends", core::trim(lines.back())));
  auto result = ended(run, lang, status, tr(lang, "une connexion refusée", "a refused connection"));
  if (status && !has_traceback(run.program().output()) && !said)
    result = verdict(Outcome::failed, std::string(tr(lang, "se termine sans rien dire", "ends without a word")));
  result.expected = tr(lang, "un message clair (« La connexion a échoué. »), sans Traceback",
                       "a clear message (\"The connection failed.\"), no Traceback");
  quote_output(result, run);
  co_return result;
}

}  // namespace liaison::check
