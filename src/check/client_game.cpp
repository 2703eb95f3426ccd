// The client checks that play: replies shown (accents, a long one), and a
// whole game by bisection up to the win shown.
#include "check/client_probes.hpp"
#include "check/client_steps.hpp"
#include "core/guesser.hpp"
#include "core/utf8.hpp"
#include "core/words.hpp"

namespace liaison::check {
namespace {

namespace asio = asio;
using Status = Received::Status;

constexpr std::int64_t secret = 71;  // bisection from 1..100 needs 5 tries: 50, 75, 62, 68, 71
constexpr std::string_view accented = "C'est plus ! Très bien : é, à, ç, ’";
constexpr std::string_view long_end = "[fin du long message ✓]";

// A reply of about 1000 bytes (under the lesson's recv(1024)), its end marked.
std::string long_reply() {
  std::string text = "C'est moins ! ";
  while (text.size() < 1000 - long_end.size()) text += "Encore un effort, ça va venir… ";
  return std::string(core::utf8_prefix(text, 1000 - long_end.size())) + std::string(long_end);
}

CheckResult not_answered(ClientRun& run, core::Lang lang, const ClientMessage& message, std::string_view typed) {
  auto result = verdict(
      message.received.status == Status::timeout ? Outcome::timeout : Outcome::failed,
      trf(lang, "rien n'arrive au serveur après « {} » tapé", "nothing reaches the server after typing \"{}\"", typed),
      run.transcript());
  quote_output(result, run);
  return result;
}

CheckResult not_shown(ClientRun& run, core::Lang lang, std::string_view what) {
  auto result = verdict(Outcome::failed, trf(lang, "réponse non affichée : {}", "reply not shown: {}", in_quotes(what)),
                        run.transcript());
  result.expected =
      tr(lang, "chaque réponse du serveur affichée telle quelle", "every reply of the server printed as it is");
  quote_output(result, run);
  return result;
}

// What an automatic client sent that a game does not allow.
std::optional<std::string> bad_guess(std::string_view bytes) {
  const auto number = core::parse_whole_number(bytes);
  if (number.error || !game_bounds.contains(number.value)) return std::string(bytes);
  return std::nullopt;
}

}  // namespace

asio::awaitable<CheckResult> check_replies_shown(ClientRun& run, core::Lang lang) {
  const std::string replies[] = {std::string(accented), long_reply()};
  const std::string_view typed[] = {"50", "75"};
  for (int i = 0; i < 2; ++i) {
    const auto message = co_await next_message(run, std::string(typed[i]));
    if (message.received.status != Status::data) co_return not_answered(run, lang, message, typed[i]);
    const std::size_t from = run.program().output_seen();
    co_await run.reply(replies[i]);
    // (GCC 12 mishandles a temporary from ?: passed to a coroutine: a local first.)
    std::string awaited(i == 0 ? accented : long_end);
    if (!co_await run.shown(std::move(awaited), from))
      co_return not_shown(run, lang, i == 0 ? replies[0] : std::string(long_end));
  }
  co_return verdict(Outcome::passed, trf(lang, "{} et une réponse de {} octets affichées",
                                         "{} and a {}-byte reply shown", in_quotes(accented), replies[1].size()));
}

asio::awaitable<CheckResult> check_game(ClientRun& run, core::Lang lang) {
  core::Guesser guesser(game_bounds);
  const int most = core::max_tries(game_bounds);
  bool automatic = false;
  for (int tries = 1; tries <= most + 5; ++tries) {
    const std::string guess = std::to_string(guesser.guess());
    const auto message = co_await next_message(run, guess);
    if (message.received.status != Status::data) co_return not_answered(run, lang, message, guess);
    automatic = automatic || !message.typed;
    if (const auto bad = bad_guess(message.received.bytes); bad && automatic) {
      auto result =
          verdict(Outcome::failed,
                  trf(lang, "le client automatique envoie {}", "the automatic client sends {}", in_quotes(*bad)),
                  run.transcript());
      result.expected = tr(lang, "des nombres entiers entre 1 et 100", "whole numbers between 1 and 100");
      co_return result;
    }
    const std::string answer = answer_to(message.received.bytes, secret, tries);
    const std::size_t from = run.program().output_seen();
    co_await run.reply(answer);
    if (!co_await run.shown(answer, from)) co_return not_shown(run, lang, answer);
    // Read back through the core's reading of replies, not a copy of their words.
    const core::ReplyKind kind = core::classify_reply(answer);
    if (kind == core::ReplyKind::won) {
      if (automatic && tries > most)
        co_return verdict(Outcome::failed,
                          trf(lang, "client automatique : gagné en {} essais, plus que {}",
                              "automatic client: won in {} tries, more than {}", tries, most),
                          run.transcript());
      co_return verdict(Outcome::passed,
                        trf(lang, "{}gagné en {} essais, victoire affichée", "{}won in {} tries, win shown",
                            automatic ? tr(lang, "client automatique : ", "automatic client: ") : "", tries));
    }
    if (!message.typed) continue;
    guesser.take(kind == core::ReplyKind::higher ? core::Verdict::higher : core::Verdict::lower);
  }
  co_return verdict(Outcome::failed, std::string(tr(lang, "pas de victoire en 12 essais", "no win in 12 tries")),
                    run.transcript());
}

}  // namespace liaison::check
