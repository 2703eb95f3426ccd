#include "core/player_texts.hpp"

namespace liaison::core {
namespace {

constexpr PlayerTexts french{
    .guess_prompt = {"Votre proposition ({0}-{1}) : "},
    .guess_prompt_no_range = "Votre proposition : ",
    .replay_prompt = {"Rejouer ? ({0}/{1}) : "},
    .hint = {"{0} (essai {1}, entre {2} et {3})"},
    .hint_no_range = {"{0} (essai {1})"},
    .move = {"> {0}"},
    .summary = {"Bilan : {0} partie(s) gagnée(s) en {1} essai(s) au total."},
    .no_answer = {"Le serveur n'a pas répondu en {0} s."},
    .unexpected_answer = {"Réponse inattendue du serveur : {0}"},
    .no_bounds = {"L'accueil du serveur ne donne pas les bornes (entre A et B) : {0}"},
    .contradiction = "Les réponses du serveur se contredisent : plus aucun nombre possible.",
};

constexpr PlayerTexts english{
    .guess_prompt = {"Your guess ({0}-{1}): "},
    .guess_prompt_no_range = "Your guess: ",
    .replay_prompt = {"Play again? ({0}/{1}): "},
    .hint = {"{0} (try {1}, between {2} and {3})"},
    .hint_no_range = {"{0} (try {1})"},
    .move = {"> {0}"},
    .summary = {"Summary: {0} game(s) won in {1} tries in all."},
    .no_answer = {"The server did not answer within {0} s."},
    .unexpected_answer = {"Unexpected answer from the server: {0}"},
    .no_bounds = {"The server's greeting gives no bounds (between A and B): {0}"},
    .contradiction = "The server's answers contradict each other: no number is left.",
};

}  // namespace

const PlayerTexts& player_texts(Lang lang) { return lang == Lang::en ? english : french; }

}  // namespace liaison::core
