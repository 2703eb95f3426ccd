// The server checks about robustness: unexpected input, more than one client.
#include <array>

#include "check/probe.hpp"
#include "check/server_probes.hpp"

namespace liaison::check {
namespace {

namespace asio = asio;
using Status = Received::Status;

// What students' servers meet in class, and what int() chokes on.
const std::array<std::string, 9> unexpected{
    "bonjour", "\n", "12abc", "-5", "1000", "3.5", "é", std::string(1024, '7'), std::string("\xff\xfe\xfd")};

bool alive(const ServerContext& c) { return !c.child || !c.child->exit_status(); }

CheckResult broke_on(const ServerContext& c, const std::string& input, Probe& probe) {
  auto result =
      verdict(Outcome::failed,
              trf(c.lang, "après {} la connexion s'est fermée", "after {} the connection closed", in_quotes(input)),
              probe.transcript());
  if (c.child && has_traceback(c.child->output()))
    result.summary =
        trf(c.lang, "{} fait planter le serveur (Traceback)", "{} crashes the server (Traceback)", in_quotes(input));
  result.expected = tr(c.lang, "une réponse d'explication, ou rien, et le jeu continue",
                       "an explanation, or nothing, and the game goes on");
  return result;
}

}  // namespace

asio::awaitable<CheckResult> unexpected_input(ServerContext& c, bool line) {
  Probe probe = probe_of(c);
  co_await probe.connect(c.endpoint, c.timing.reply);
  co_await probe.receive(c.timing.reply, c.timing.quiet);
  int answered = 0;
  for (const auto& input : unexpected) {
    std::string message = input;
    if (line && input != "\n") message += "\n";
    co_await probe.send(std::move(message));
    const Received reply = co_await probe.receive(c.timing.reply / 2, c.timing.quiet);
    if (reply.status == Status::closed || reply.status == Status::reset || !alive(c))
      co_return broke_on(c, input, probe);
    if (reply.status == Status::data) ++answered;
  }
  co_await probe.send(framed("50", line));
  const Received last = co_await probe.receive(c.timing.reply, c.timing.quiet);
  if (last.status != Status::data) co_return broke_on(c, "50", probe);
  co_return verdict(
      Outcome::passed,
      trf(c.lang, "{} entrées inattendues : {} avec une réponse, les autres ignorées, et le jeu continue",
          "{} unexpected inputs: {} answered, the others ignored, and the game goes on", unexpected.size(), answered),
      probe.transcript());
}

asio::awaitable<CheckResult> still_there(ServerContext& c) {
  if (c.child && c.child->exit_status() == 0)
    co_return verdict(Outcome::passed, std::string(tr(c.lang, "terminé proprement (statut 0) après le client",
                                                      "ended cleanly (status 0) after the client")));
  Probe probe = probe_of(c);
  co_await probe.connect(c.endpoint, c.timing.reply);
  const Received greeting = co_await probe.receive(c.timing.reply, c.timing.quiet);
  if (greeting.status == Status::data)
    co_return verdict(Outcome::passed,
                      std::string(tr(c.lang, "accueille encore un nouveau client", "still welcomes a new client")),
                      probe.transcript());
  auto result =
      verdict(Outcome::failed,
              std::string(tr(c.lang, "un nouveau client n'est plus accueilli", "a new client is no longer welcomed")),
              probe.transcript());
  result.expected = tr(c.lang, "un message d'accueil", "a greeting");
  co_return result;
}

asio::awaitable<CheckResult> second_client(ServerContext& c, bool line) {
  Probe first = probe_of(c);
  co_await first.connect(c.endpoint, c.timing.reply);
  co_await first.receive(c.timing.reply, c.timing.quiet);
  co_await first.send(framed("50", line));
  co_await first.receive(c.timing.reply, c.timing.quiet);
  Probe second = probe_of(c);
  co_await second.connect(c.endpoint, c.timing.reply);
  const Received at_once = co_await second.receive(c.timing.reply, c.timing.quiet);
  if (at_once.status == Status::data)
    co_return verdict(Outcome::passed,
                      std::string(tr(c.lang, "le second client est accueilli pendant la partie du premier",
                                     "the second client is welcomed during the first one's game")),
                      second.transcript());
  first.close();
  const Received later = co_await second.receive(c.timing.reply, c.timing.quiet);
  co_return verdict(
      Outcome::info,
      later.status == Status::data
          ? std::string(tr(c.lang, "le second client attend que le premier parte (un client à la fois)",
                           "the second client waits for the first to leave (one client at a time)"))
          : std::string(tr(c.lang, "le second client n'est pas accueilli", "the second client is not welcomed")),
      second.transcript());
}

}  // namespace liaison::check
