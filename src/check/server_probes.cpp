#include "check/server_probes.hpp"

#include <array>

#include "check/probe.hpp"
#include "core/words.hpp"

namespace liaison::check {
namespace {

namespace asio = asio;
using Status = Received::Status;
using namespace std::chrono_literals;

asio::awaitable<CheckResult> listens(ServerContext& c) {
  Probe probe = probe_of(c);
  if (co_await probe.connect(c.endpoint, c.timing.reply))
    co_return verdict(Outcome::passed, trf(c.lang, "accepte les connexions sur {}", "accepts connections on {}",
                                           c.endpoint.address().to_string() + ":" + std::to_string(c.endpoint.port())));
  co_return verdict(Outcome::failed,
                    trf(c.lang, "personne n'écoute sur le port {}", "nobody listens on port {}", c.endpoint.port()));
}

asio::awaitable<CheckResult> speaks_first(ServerContext& c) {
  Probe probe = probe_of(c);
  co_await probe.connect(c.endpoint, c.timing.reply);
  const Received greeting = co_await probe.receive(c.timing.reply, c.timing.quiet);
  if (greeting.status == Status::data) {
    const auto bounds = core::read_bounds(greeting.bytes);
    const auto read = bounds ? trf(c.lang, "bornes lues : {} à {}", "bounds read: {} to {}", bounds->min, bounds->max)
                             : std::string(tr(c.lang, "pas de bornes lues : 1 à 100", "no bounds read: 1 to 100"));
    co_return verdict(Outcome::passed, fmt::format("{} ({})", in_quotes(greeting.bytes), read), probe.transcript());
  }
  auto result =
      verdict(Outcome::failed,
              greeting.program_waits
                  ? std::string(tr(c.lang, "rien reçu : le serveur attend (en lecture) que le client parle",
                                   "nothing received: the server waits (reading) for the client to speak"))
              : greeting.status == Status::timeout
                  ? trf(c.lang, "rien reçu en {} ms : le serveur attend que le client parle",
                        "nothing received in {} ms: the server waits for the client to speak",
                        std::chrono::duration_cast<std::chrono::milliseconds>(c.timing.reply).count())
                  : std::string(tr(c.lang, "connexion fermée sans message", "connection closed without a message")),
              probe.transcript());
  result.expected = tr(c.lang, "un message d'accueil dès la connexion", "a greeting as soon as the client connects");
  co_return result;
}

// How `reply` is more than one message: several send()s seen apart, or two
// messages glued in one read (core::glued_replies); nullopt when it is one.
// A FIN sent on its own right after the win is the lesson's protocol.
std::optional<std::string> several(const Received& reply, bool line, core::Lang lang) {
  const int fin_apart = core::trim(reply.bytes).ends_with("FIN") ? 1 : 0;
  if (reply.reads - fin_apart > 1)
    return trf(lang, "arrive en {} envois", "comes in {} sends", reply.reads);
  if (const auto glued = core::glued_replies(reply.bytes, line))
    return trf(lang, "contient deux messages collés : {} et {}", "holds two messages glued together: {} and {}",
               in_quotes(glued->first), in_quotes(glued->second));
  return std::nullopt;
}

asio::awaitable<CheckResult> one_reply(ServerContext& c, const ServerGame& game) {
  std::optional<std::string> problem = several(game.greeting, game.line_framing, c.lang);
  if (problem) problem = std::string(tr(c.lang, "l'accueil ", "the greeting ")) + *problem;
  for (const auto& turn : game.turns) {
    if (problem) break;
    if (auto reply = several(turn.reply, game.line_framing, c.lang))
      problem = trf(c.lang, "la réponse à {} {}", "the reply to {} {}", turn.guess, *reply);
  }
  if (!problem) {
    const auto framing = game.line_framing
                             ? tr(c.lang, "lignes terminées par \\n", "lines ending in \\n")
                             : tr(c.lang, "messages bruts, comme la leçon", "raw messages, as in the lesson");
    co_return verdict(
        Outcome::passed,
        trf(c.lang, "{} tours, une réponse chacun ({})", "{} turns, one reply each ({})", game.turns.size(), framing),
        game.transcript);
  }
  auto result = verdict(Outcome::failed, std::move(*problem), game.transcript);
  result.expected = tr(c.lang, "un seul send() par message reçu", "one send() per message received");
  result.actual = tr(c.lang,
                     "plusieurs send() pour une réponse : un client qui fait un recv(1024) par tour les reçoit collés "
                     "en un seul message, ou le second en retard, au tour suivant",
                     "several send()s for one reply: a client with one recv(1024) per turn gets them glued into one "
                     "message, or the second one late, at the next turn");
  co_return result;
}

asio::awaitable<CheckResult> answers_fin(ServerContext& c, const ServerGame& game) {
  Probe probe = probe_of(c);
  co_await probe.connect(c.endpoint, c.timing.reply);
  co_await probe.receive(c.timing.reply, c.timing.quiet);
  co_await probe.send(framed("FIN", game.line_framing));
  const Received reply = co_await probe.receive(c.timing.reply, c.timing.quiet);
  const Received end = co_await probe.receive(c.timing.reply, c.timing.quiet);
  const bool closed = end.status == Status::closed || end.status == Status::reset;
  if (!core::is_fin(reply.bytes) || !closed) {
    auto result = verdict(Outcome::failed,
                          trf(c.lang, "au FIN du client : {}{}", "to the client's FIN: {}{}",
                              reply.status == Status::data ? in_quotes(reply.bytes) : tr(c.lang, "rien", "nothing"),
                              closed ? "" : tr(c.lang, ", connexion laissée ouverte", ", connection left open")),
                          probe.transcript());
    result.expected = tr(c.lang, "FIN, puis la fermeture", "FIN, then the close");
    co_return result;
  }
  co_return judge_fin(game, c.lang);
}

}  // namespace

std::string in_quotes(std::string_view bytes) { return "« " + core::show_invisible(bytes.substr(0, 120)) + " »"; }

asio::awaitable<bool> wait_listening(ServerContext& c) {
  const auto deadline = Clock::now() + c.timing.start;
  while (Clock::now() < deadline && !c.child->exit_status()) {
    tcp::socket socket(c.executor);
    const auto [error] = co_await socket.async_connect(c.endpoint, nothrow);
    if (!error) co_return true;
    asio::steady_timer timer(c.executor, 50ms);
    co_await timer.async_wait(nothrow);
  }
  co_return false;
}

asio::awaitable<CheckResult> run_server_check(std::string_view id, ServerContext& c, std::optional<ServerGame>& game) {
  if (id == "serveur/ecoute") co_return co_await listens(c);
  if (id == "serveur/parle-en-premier") co_return co_await speaks_first(c);
  if (id == "serveur/toujours-la") co_return co_await still_there(c);
  if (id == "serveur/entrees-inattendues") co_return co_await unexpected_input(c, game ? game->line_framing : false);
  if (id == "serveur/deux-clients") co_return co_await second_client(c, game ? game->line_framing : false);
  if (!game) {
    Probe probe = probe_of(c);
    game = co_await play_server_game(std::move(probe), c.endpoint, c.timing);
  }
  if (id == "serveur/une-reponse") co_return co_await one_reply(c, *game);
  if (id == "serveur/comprehensible") co_return judge_understood(*game, c.lang);
  if (id == "serveur/coherent") co_return judge_consistent(*game, c.lang);
  if (id == "serveur/partie") co_return judge_won(*game, c.lang);
  if (id == "serveur/fin") co_return co_await answers_fin(c, *game);
  co_return verdict(Outcome::skipped, std::string(id));
}

}  // namespace liaison::check
