#include "core/texts.hpp"

namespace liaison::core {
namespace {

constexpr Texts french{
    .greeting = {"Bienvenue au juste prix ! Devinez le nombre entier entre {0} et {1}."},
    .higher = "C'est plus !",
    .lower = "C'est moins !",
    .won = {"Gagné ! C'était {0}, trouvé en {1} essai(s). Rejouer ? (o/n)"},
    .found = {"Gagné ! C'était {0}, trouvé en {1} essai(s)."},
    .not_a_number = {"Ce n'est pas un nombre entier : proposez un nombre entre {0} et {1}."},
    .out_of_range = {"{0} n'est pas entre {1} et {2} : proposez un nombre dans l'intervalle."},
    .empty_message = {"Message vide : proposez un nombre entre {0} et {1}."},
    .invalid_utf8 = "Texte illisible (UTF-8 invalide) : écrivez en UTF-8.",
    .replay_question = "Répondez o pour rejouer ou n pour arrêter.",
    .too_long = {"Message trop long (plus de {0} octets) : il a été ignoré."},
    .server_full = {"Serveur complet ({0} joueurs) : réessayez plus tard. Au revoir !"},
    .too_many_from_address = {"Trop de connexions depuis votre adresse (limite {0}). Au revoir !"},
    .idle_kick = {"Aucun message depuis {0} s : la connexion est fermée. Au revoir !"},
    .shutting_down = "Le serveur s'arrête. Merci d'avoir joué, au revoir !",
    .score_not_recorded = "(Partie non enregistrée : la base des scores est indisponible.)",
    .score_recorded_later =
        "(Partie pas encore enregistrée : la base des scores est indisponible ; elle le sera dès son retour.)",
    .pushes_dropped = {"(… {0} message(s) perdu(s) : vous ne lisez pas assez vite)"},
    .echo_greeting = "Serveur d'écho : chaque message vous est renvoyé, exit pour terminer.",
    .echo_prefix = "echo : ",
    .server_ready = {"Serveur prêt sur {0}, en attente de requêtes ..."},
    .client_connected = {"Client connecté. : {0}"},
    .restart_or_stop = "<R>ecommencer <T>erminer ? ",
    .cannot_start = {"Impossible de démarrer le service sur {0} : {1}"},
    .web_ready = {"Web sur {0} : API http://{0}/api/stats et /api/leaderboard, métriques http://{0}/metrics, "
                  "jeu ws://{0}/play"},
    .teacher_token = {"Jeton enseignant (à garder pour vous) : {0} — page avec les actions : http://{1}/#token={0}"},
    .connection_failed = "La connexion a échoué.",
    .connection_ended = "Connexion terminée.",
    .server_vanished = "Le serveur a fermé la connexion sans FIN.",
    .client_vanished = "Le client a fermé la connexion sans FIN.",
    .interrupted = "Interrompu.",
    .hidden_bytes = {"[… {0} octets de plus non affichés]"},
    .line_cut = {"Ligne trop longue : seuls ses {0} premiers octets sont envoyés."},
    .me_prompt = "moi > ",
    .server_label = "serveur > ",
    .client_label = "client > ",
    .yes_short = "o",
    .no_short = "n",
};

constexpr Texts english{
    .greeting = {"Welcome to the guessing game! Guess the whole number between {0} and {1}."},
    .higher = "Higher!",
    .lower = "Lower!",
    .won = {"You won! It was {0}, found in {1} tries. Play again? (y/n)"},
    .found = {"You won! It was {0}, found in {1} tries."},
    .not_a_number = {"That is not a whole number: guess a number between {0} and {1}."},
    .out_of_range = {"{0} is not between {1} and {2}: guess a number in the range."},
    .empty_message = {"Empty message: guess a number between {0} and {1}."},
    .invalid_utf8 = "Unreadable text (invalid UTF-8): please write UTF-8.",
    .replay_question = "Answer y to play again or n to stop.",
    .too_long = {"Message too long (over {0} bytes): it was ignored."},
    .server_full = {"Server full ({0} players): try again later. Goodbye!"},
    .too_many_from_address = {"Too many connections from your address (limit {0}). Goodbye!"},
    .idle_kick = {"No message for {0} s: closing the connection. Goodbye!"},
    .shutting_down = "The server is shutting down. Thanks for playing, goodbye!",
    .score_not_recorded = "(Game not recorded: the scores database is unavailable.)",
    .score_recorded_later = "(Game not recorded yet: the scores database is unavailable; it will be once it is back.)",
    .pushes_dropped = {"(… {0} message(s) lost: you are not reading fast enough)"},
    .echo_greeting = "Echo server: every message is sent back to you, exit to stop.",
    .echo_prefix = "echo : ",
    .server_ready = {"Server ready on {0}, waiting for requests ..."},
    .client_connected = {"Client connected: {0}"},
    .restart_or_stop = "<R>estart <T>erminate ? ",
    .cannot_start = {"Cannot start the service on {0}: {1}"},
    .web_ready = {"Web on {0}: API http://{0}/api/stats and /api/leaderboard, metrics http://{0}/metrics, "
                  "play ws://{0}/play"},
    .teacher_token = {"Teacher's token (keep it to yourself): {0} — page with the actions: http://{1}/#token={0}"},
    .connection_failed = "The connection failed.",
    .connection_ended = "Connection ended.",
    .server_vanished = "The server closed the connection without FIN.",
    .client_vanished = "The client closed the connection without FIN.",
    .interrupted = "Interrupted.",
    .hidden_bytes = {"[… {0} more bytes not shown]"},
    .line_cut = {"Line too long: only its first {0} bytes are sent."},
    .me_prompt = "me > ",
    .server_label = "server > ",
    .client_label = "client > ",
    .yes_short = "y",
    .no_short = "n",
};

}  // namespace

const Texts& texts(Lang lang) { return lang == Lang::en ? english : french; }

}  // namespace liaison::core
