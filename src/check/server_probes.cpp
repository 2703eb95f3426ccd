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

asio::awaitable<CheckResult> one_reply(ServerContext& c, const ServerGame& game) {
  const auto multi = [](const Received& r) { return r.reads > 1; };
  const Turn* turn = nullptr;
  for (const auto& t : game.turns)
    if (!turn && multi(t.reply)) turn = &t;
  if (!multi(game.greeting) && !turn) {
    const auto framing = game.line_framing
                             ? tr(c.lang, "lignes terminées par \\n", "lines ending in \\n")
                             : tr(c.lang, "messages bruts, comme la leçon", "raw messages, as in the lesson");
    co_return verdict(
        Outcome::passed,
        trf(c.lang, "{} tours, une réponse chacun ({})", "{} turns, one reply each ({})", game.turns.size(), framing),
        game.transcript);
  }
  auto result = verdict(Outcome::failed,
                        multi(game.greeting) ? std::string(tr(c.lang, "l'accueil arrive en plusieurs envois",
                                                              "the greeting comes in several sends"))
                                             : trf(c.lang, "la réponse à {} arrive en {} envois",
                                                   "the reply to {} comes in {} sends", turn->guess, turn->reply.reads),
                        game.transcript);
  result.expected = tr(c.lang, "un seul send() par message reçu", "one send() per message received");
  result.actual = tr(c.lang, "plusieurs send() : un client recv(1024) les recevrait collés ou en retard",
                     "several send()s: a recv(1024) client would get them glued or late");
  co_return result;
}

asio::awaitable<CheckResult> answers_fin(ServerContext& c, const ServerGame& game) {
  Probe probe(c.executor);
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
