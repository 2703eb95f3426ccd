// The verdicts read from the one bisection game (pure).
#include <set>

#include "check/server_probes.hpp"
#include "core/words.hpp"

namespace liaison::check {
namespace {

using End = ServerGame::End;

std::string_view verdict_name(core::ReplyMeaning verdict, core::Lang lang) {
  switch (verdict) {
    case core::ReplyMeaning::higher:
      return tr(lang, "plus", "higher");
    case core::ReplyMeaning::lower:
      return tr(lang, "moins", "lower");
    case core::ReplyMeaning::won:
      return tr(lang, "gagné", "won");
    case core::ReplyMeaning::fin:
      return "FIN";
    case core::ReplyMeaning::unknown:
      break;
  }
  return "?";
}

// « C'est plus ! » → plus, once per distinct reply: what the checker understood.
std::string understood_list(const ServerGame& game, core::Lang lang) {
  std::set<std::string> seen;
  std::string list;
  for (const auto& turn : game.turns) {
    const std::string text(core::trim(turn.reply.bytes));
    if (turn.understood.meaning == core::ReplyMeaning::unknown || !seen.insert(text).second) continue;
    list += fmt::format("{}{} → {}", list.empty() ? "" : ", ", in_quotes(text),
                        verdict_name(turn.understood.meaning, lang));
  }
  return list;
}

CheckResult not_reached(const ServerGame& game, core::Lang lang) {
  const Turn* last = game.turns.empty() ? nullptr : &game.turns.back();
  if (game.end == End::no_reply && last)
    return verdict(Outcome::timeout,
                   trf(lang, "pas de réponse à {} (attendu : plus, moins ou gagné)",
                       "no reply to {} (awaited: higher, lower or won)", last->guess),
                   game.transcript);
  return verdict(
      Outcome::failed,
      std::string(tr(lang, "la connexion s'est fermée pendant la partie", "the connection closed during the game")),
      game.transcript);
}

}  // namespace

CheckResult judge_understood(const ServerGame& game, core::Lang lang) {
  if (game.end == End::no_reply || game.end == End::closed || game.end == End::no_greeting)
    return not_reached(game, lang);
  if (game.end == End::unknown_reply) {
    auto result = verdict(Outcome::failed,
                          trf(lang, "réponse à {} non comprise : {}", "reply to {} not understood: {}",
                              game.turns.back().guess, in_quotes(game.turns.back().reply.bytes)),
                          game.transcript);
    result.expected = tr(lang, "plus / moins / gagné (ou trop petit, trop grand, bravo, higher, lower...)",
                         "higher / lower / won (or plus, moins, too small, too big, bravo...)");
    return result;
  }
  return verdict(Outcome::passed, trf(lang, "compris : {}", "understood: {}", understood_list(game, lang)));
}

CheckResult judge_consistent(const ServerGame& game, core::Lang lang) {
  if (game.end == End::contradiction) {
    auto result = verdict(
        Outcome::failed,
        trf(lang, "aucun nombre entre {} et {} ne s'accorde avec toutes les réponses (plus et moins inversés ?)",
            "no number between {} and {} agrees with every answer (plus and moins swapped?)", game.bounds.min,
            game.bounds.max),
        game.transcript);
    result.expected = tr(lang, "« plus » quand le nombre proposé est plus petit que le secret",
                         "\"higher\" when the guess is below the secret");
    return result;
  }
  if (game.end != End::won)
    return judge_understood(game, lang).outcome == Outcome::passed
               ? verdict(Outcome::failed, std::string(tr(lang, "partie sans fin", "endless game")), game.transcript)
               : not_reached(game, lang);
  return verdict(Outcome::passed,
                 trf(lang, "{} réponses, toutes d'accord avec le secret {}",
                     "{} answers, all agreeing with the secret {}", game.turns.size(), game.turns.back().guess));
}

CheckResult judge_won(const ServerGame& game, core::Lang lang) {
  const int most = core::max_tries(game.bounds);
  const int tries = static_cast<int>(game.turns.size());
  if (game.end == End::won && tries <= most)
    return verdict(Outcome::passed, trf(lang, "gagné en {} essais (au plus {} pour {} à {}) : {}",
                                        "won in {} tries (at most {} for {} to {}): {}", tries, most, game.bounds.min,
                                        game.bounds.max, in_quotes(game.turns.back().reply.bytes)));
  auto result =
      verdict(Outcome::failed, trf(lang, "pas de victoire en {} essais", "no win in {} tries", most), game.transcript);
  result.expected = trf(lang, "la victoire annoncée en {} essais au plus", "the win announced within {} tries", most);
  return result;
}

CheckResult judge_fin(const ServerGame& game, core::Lang lang) {
  if (game.end != End::won)
    return verdict(Outcome::passed,
                   std::string(tr(lang, "FIN puis fermeture (pas de partie gagnée pour vérifier après la victoire)",
                                  "FIN then the close (no game won to check after the win)")));
  if (core::is_fin(game.after_win.bytes) && game.closed_after_fin)
    return verdict(Outcome::passed, std::string(tr(lang, "FIN puis fermeture, au FIN du client et après la victoire",
                                                   "FIN then the close, to the client's FIN and after the win")));
  auto result = verdict(Outcome::failed,
                        std::string(tr(lang, "après la victoire, pas de FIN suivi de la fermeture",
                                       "after the win, no FIN followed by the close")),
                        game.transcript);
  result.expected = tr(lang, "FIN, puis la fermeture", "FIN, then the close");
  return result;
}

}  // namespace liaison::check
