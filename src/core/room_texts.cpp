#include "core/room_texts.hpp"

namespace liaison::core {
namespace {

constexpr RoomTexts french{
    .guest_name = {"invité-{0}"},
    .present = {"Présents ({0}) : {1}"},
    .nobody_else = "Personne d'autre pour l'instant.",
    .joined = {"* {0} arrive"},
    .left = {"* {0} s'en va"},
    .renamed = {"* {0} s'appelle maintenant {1}"},
    .you_are_now = {"Vous êtes maintenant {0}."},
    .nickname_taken = {"Le pseudo {0} est déjà pris : choisissez-en un autre."},
    .nickname_invalid = {"Pseudo invalide : de 1 à {0} caractères, sans espace ni caractère de contrôle, "
                         "ne commençant pas par /."},
    .said = {"<{0}> {1}"},
    .acted = {"* {0} {1}"},
    .sent = {"(envoyé, {0} lecteur(s))"},
    .empty_message = "Message vide : rien n'est envoyé.",
    .history_header = "-- derniers messages --",
    .news_dropped = {"(… {0} message(s) plus ancien(s) non affiché(s))"},
    .push_on = "Messages en direct : activés (vous recevez tout dès que ça arrive).",
    .push_off = "Messages en direct : désactivés (les nouvelles arrivent avec chaque réponse).",
    .push_usage = "Usage : /push on ou /push off",
    .unknown_command = {"Commande inconnue : {0} (tapez /aide)"},
    .me_usage = "Usage : /me <action>",
    .flood_warning = {"Doucement ! Vous écrivez trop vite : ce message n'est pas envoyé. "
                      "Encore une fois et vous serez muet {0} s."},
    .muted = {"Vous êtes muet encore {0} s : votre message n'est pas envoyé."},
    .salon_welcome = {"Bienvenue dans le salon ! Vous êtes {0} (/nick NOM pour changer, /aide pour l'aide)."},
    .salon_help =
        "Commandes : /nick NOM, /who, /me ACTION, /scores, /push on|off, /quit (ou FIN). "
        "Tout le reste est envoyé à tous.",
    .scores_unavailable = "Pas de tableau des scores sur ce serveur.",
    .scores_late = "(Le classement ne répond pas : la base des scores est trop lente. Réessayez /scores plus tard.)",
    .partie_welcome = {"Bienvenue dans la partie de juste prix ! Tous les joueurs cherchent le même nombre "
                       "entre {0} et {1} ; le premier qui trouve gagne la manche."},
    .ask_nickname = "Votre pseudo ?",
    .hello_round = {"Bonjour {0} ! Manche {1} en cours ({4} joueur(s)) : devinez le nombre entre {2} et {3}."},
    .hello_pause = {"Bonjour {0} ! La manche {1} commence dans {2} s."},
    .round_started = {"Manche {0} : un nouveau nombre entre {1} et {2}, à vous !"},
    .higher = {"C'est plus ! ({0} essai(s))"},
    .lower = {"C'est moins ! ({0} essai(s))"},
    .you_won_round = {"Gagné ! C'était {0}, trouvé le premier en {1} essai(s) et {2} s. "
                      "Les autres ont encore {3} s."},
    .you_found = {"Trouvé ! C'était {0} : vous êtes {1}e, en {2} essai(s) et {3} s."},
    .winner_news = {"* {0} gagne la manche {1} : trouvé en {2} essai(s) et {3} s !"},
    .finder_news = {"* {0} trouve aussi ({1}e, {2} essai(s), {3} s)"},
    .already_found = {"Vous avez déjà trouvé : attendez la prochaine manche ({0} joueur(s) cherchent encore)."},
    .found_shared = {"Trouvé ! C'était {0}, en {1} essai(s) et {2} s. Votre rang arrive…"},
    .too_late = {"Trop tard : la manche {0} venait de finir dans une autre salle."},
    .rank_unknown = "(Rang inconnu : la base de données ne répond pas.)",
    .shared_clock = "La manche est commune à plusieurs serveurs : son horloge ne se commande pas d'ici.",
    .round_over = {"Fin de la manche {0} (c'était {4}) : {1} sur {2} ont trouvé. {3}"},
    .podium_entry = {"{0}. {1} ({2} essai(s), {3} s)"},
    .nobody_found = "Personne n'a trouvé.",
    .next_round_in = {"Manche {0} dans {1} s."},
    .wait_next_round = {"La manche {0} commence dans {1} s : patience !"},
    .round_status = {"Manche {0} : {1} sur {2} ont trouvé ; vous en êtes à {3} essai(s)."},
    .round_over_shared = {"Fin de la manche {0} (c'était {5}) : {1} ont trouvé sur tous les serveurs, dont {2} sur {3} "
                          "ici. {4}"},
    .round_status_shared = {"Manche {0} : {1} ont trouvé sur tous les serveurs, dont {2} sur {3} ici ; vous en êtes "
                            "à {4} essai(s)."},
    .partie_help =
        "Proposez un nombre entier. Commandes : /who, /manche, /scores, /nick NOM, /me ACTION, "
        "/push on|off, /quit (ou FIN). Tout autre texte est envoyé à tous.",
    .kicked = "L'enseignant vous a fait quitter la salle. Au revoir !",
    .kicked_news = {"* {0} a été retiré par l'enseignant"},
    .renamed_by_teacher = {"L'enseignant vous a renommé : vous êtes maintenant {0}."},
    .no_such_player = {"Personne ne s'appelle {0} ici."},
    .nobody_to_play = "Personne n'est là pour jouer une manche.",
};

constexpr RoomTexts english{
    .guest_name = {"guest-{0}"},
    .present = {"Here ({0}): {1}"},
    .nobody_else = "Nobody else yet.",
    .joined = {"* {0} joins"},
    .left = {"* {0} leaves"},
    .renamed = {"* {0} is now {1}"},
    .you_are_now = {"You are now {0}."},
    .nickname_taken = {"The nickname {0} is taken: choose another one."},
    .nickname_invalid = {"Invalid nickname: 1 to {0} characters, no blank or control character, "
                         "not starting with /."},
    .said = {"<{0}> {1}"},
    .acted = {"* {0} {1}"},
    .sent = {"(sent, {0} reader(s))"},
    .empty_message = "Empty message: nothing is sent.",
    .history_header = "-- recent messages --",
    .news_dropped = {"(… {0} older message(s) not shown)"},
    .push_on = "Live messages: on (you get everything as it happens).",
    .push_off = "Live messages: off (news comes with each reply).",
    .push_usage = "Usage: /push on or /push off",
    .unknown_command = {"Unknown command: {0} (type /help)"},
    .me_usage = "Usage: /me <action>",
    .flood_warning = {"Slow down! You are writing too fast: this message is not sent. "
                      "Once more and you are muted for {0} s."},
    .muted = {"You are muted for {0} more s: your message is not sent."},
    .salon_welcome = {"Welcome to the chat room! You are {0} (/nick NAME to change, /help for help)."},
    .salon_help =
        "Commands: /nick NAME, /who, /me ACTION, /scores, /push on|off, /quit (or FIN). "
        "Everything else goes to everyone.",
    .scores_unavailable = "No leaderboard on this server.",
    .scores_late = "(The leaderboard does not answer: the scores database is too slow. Try /scores again later.)",
    .partie_welcome = {"Welcome to multiplayer guessing! Everyone looks for the same number between {0} and {1}; "
                       "the first to find it wins the round."},
    .ask_nickname = "Your nickname?",
    .hello_round = {"Hello {0}! Round {1} is on ({4} player(s)): guess the number between {2} and {3}."},
    .hello_pause = {"Hello {0}! Round {1} starts in {2} s."},
    .round_started = {"Round {0}: a new number between {1} and {2}, go!"},
    .higher = {"Higher! ({0} tries)"},
    .lower = {"Lower! ({0} tries)"},
    .you_won_round = {"You won! It was {0}, found first in {1} tries and {2} s. The others have {3} s more."},
    .you_found = {"Found! It was {0}: you are #{1}, in {2} tries and {3} s."},
    .winner_news = {"* {0} wins round {1}: found in {2} tries and {3} s!"},
    .finder_news = {"* {0} finds it too (#{1}, {2} tries, {3} s)"},
    .already_found = {"You already found it: wait for the next round ({0} player(s) still searching)."},
    .found_shared = {"Found! It was {0}, in {1} tries and {2} s. Your rank is coming..."},
    .too_late = {"Too late: round {0} had just ended in another room."},
    .rank_unknown = "(Rank unknown: the database does not answer.)",
    .shared_clock = "This round is shared by several servers: its clock cannot be run from here.",
    .round_over = {"Round {0} over (it was {4}): {1} of {2} found it. {3}"},
    .podium_entry = {"{0}. {1} ({2} tries, {3} s)"},
    .nobody_found = "Nobody found it.",
    .next_round_in = {"Round {0} in {1} s."},
    .wait_next_round = {"Round {0} starts in {1} s: patience!"},
    .round_status = {"Round {0}: {1} of {2} found it; you are at {3} tries."},
    .round_over_shared = {"Round {0} over (it was {5}): {1} found it across the servers, {2} of {3} here. {4}"},
    .round_status_shared = {"Round {0}: {1} found it across the servers, {2} of {3} here; you are at {4} tries."},
    .partie_help =
        "Guess a whole number. Commands: /who, /round, /scores, /nick NAME, /me ACTION, "
        "/push on|off, /quit (or FIN). Any other text goes to everyone.",
    .kicked = "The teacher took you out of the room. Goodbye!",
    .kicked_news = {"* {0} was taken out by the teacher"},
    .renamed_by_teacher = {"The teacher renamed you: you are now {0}."},
    .no_such_player = {"Nobody is called {0} here."},
    .nobody_to_play = "Nobody is here to play a round.",
};

}  // namespace

const RoomTexts& room_texts(Lang lang) { return lang == Lang::en ? english : french; }

}  // namespace liaison::core
