#include "check/catalog.hpp"

#include <algorithm>
#include <array>

namespace liaison::check {
namespace {

constexpr std::array server_checks{
    CheckInfo{"serveur/ecoute", "", "écoute sur l'adresse", "listens on the address",
              "Le serveur doit faire bind((hôte, port)) puis listen() avant accept() ; vérifiez l'adresse et le port.",
              "The server must bind((host, port)) then listen() before accept(); check the address and port."},
    CheckInfo{"serveur/parle-en-premier", "serveur/ecoute", "parle en premier", "speaks first",
              "Dans la leçon, le serveur parle en premier : après accept(), faites un send() du message d'accueil "
              "avant le premier recv().",
              "In the lesson the server speaks first: after accept(), send() the greeting before the first recv()."},
    CheckInfo{"serveur/une-reponse", "serveur/parle-en-premier", "une réponse par message", "one reply per message",
              "Deux send() de suite arrivent souvent collés dans un seul recv(1024) du client : réunissez-les en un "
              "seul send() par tour.",
              "Two send()s in a row often arrive glued in one recv(1024) of the client: join them in one send() per "
              "turn."},
    CheckInfo{"serveur/comprehensible", "serveur/parle-en-premier", "réponses compréhensibles", "replies understood",
              "Répondez à chaque nombre par « plus », « moins » ou « gagné » (ou trop petit, trop grand, bravo...).",
              "Answer each number with \"plus\", \"moins\" or a win (or higher, lower, too small, you won...)."},
    CheckInfo{"serveur/coherent", "serveur/comprehensible", "réponses cohérentes", "consistent replies",
              "Comparez le nombre reçu au nombre secret : s'il est plus petit que le secret, répondez « plus ». "
              "Attention à int() : recv renvoie du texte.",
              "Compare the number received with the secret: when it is smaller than the secret, answer \"plus\" "
              "(higher). Mind int(): recv gives text."},
    CheckInfo{"serveur/partie", "serveur/coherent", "partie gagnée par dichotomie", "game won by bisection",
              "Quand le nombre reçu est le secret, annoncez la victoire (« Gagné ! »).",
              "When the number received is the secret, announce the win (\"You won!\")."},
    CheckInfo{"serveur/fin", "serveur/parle-en-premier", "répond FIN à FIN et ferme", "answers FIN to FIN and closes",
              "Quand le client envoie FIN, renvoyez FIN puis fermez la connexion (close()).",
              "When the client sends FIN, send FIN back, then close the connection (close())."},
    CheckInfo{"serveur/toujours-la", "serveur/parle-en-premier", "toujours là après un client",
              "still there after a client",
              "Mettez accept() dans une boucle while True : le serveur doit accueillir le client suivant.",
              "Put accept() in a while True loop: the server must welcome the next client."},
    CheckInfo{"serveur/entrees-inattendues", "serveur/parle-en-premier", "résiste aux entrées inattendues",
              "survives unexpected input",
              "int(message) lève ValueError sur « bonjour » : vérifiez avec message.strip().isdigit() (ou try/except) "
              "et répondez un message d'explication.",
              "int(message) raises ValueError on \"bonjour\": check with message.strip().isdigit() (or try/except) "
              "and answer with an explanation."},
    CheckInfo{"serveur/deux-clients", "serveur/parle-en-premier", "sert un second client", "serves a second client",
              "Avec un thread par client (leçon sur les threads), un second joueur n'attend pas la fin du premier.",
              "With one thread per client (the threads lesson), a second player does not wait for the first."},
};

constexpr std::array client_checks{
    CheckInfo{"client/premier-message", "", "affiche le premier message du serveur", "shows the server's first message",
              "Le serveur parle en premier : faites recv(1024) et print() avant le premier input().",
              "The server speaks first: recv(1024) and print() before the first input()."},
    CheckInfo{"client/sans-serveur", "", "sans serveur : un message clair", "no server: a clear message",
              "Entourez connect() d'un try/except OSError et affichez « La connexion a échoué. ».",
              "Wrap connect() in try/except OSError and print \"The connection failed.\"."},
    CheckInfo{"client/un-message-par-ligne", "client/premier-message", "une ligne tapée = un message",
              "one typed line = one message",
              "Envoyez chaque ligne tapée en un seul send(texte.encode()) : ni morceaux, ni plusieurs lignes.",
              "Send each typed line in one send(text.encode()): no pieces, no several lines."},
    CheckInfo{"client/affiche-reponses", "client/un-message-par-ligne", "affiche chaque réponse (accents compris)",
              "shows every reply (accents included)",
              "Décodez avec .decode(\"utf8\") et affichez chaque réponse ; recv(1024) pour les longues.",
              "Decode with .decode(\"utf8\") and print every reply; recv(1024) for long ones."},
    CheckInfo{"client/partie", "client/un-message-par-ligne", "une partie jusqu'à la victoire", "a game up to the win",
              "Bouclez : input(), send(), recv(), print(), jusqu'au message FIN du serveur.",
              "Loop: input(), send(), recv(), print(), until the server's FIN."},
    CheckInfo{"client/fin-serveur", "client/premier-message", "s'arrête sur FIN du serveur", "ends on the server's FIN",
              "Sortez de la boucle quand message.upper() == \"FIN\", puis close().",
              "Leave the loop when message.upper() == \"FIN\", then close()."},
    CheckInfo{"client/fin-apres-message", "client/fin-serveur", "s'arrête sur FIN juste après un message",
              "ends on FIN right after a message",
              "Le FIN peut arriver juste après une autre réponse : continuez à lire jusqu'au FIN.",
              "FIN may come right after another reply: keep reading until FIN."},
    CheckInfo{"client/fin-tapee", "client/un-message-par-ligne", "taper fin termine", "typing fin ends it",
              "Envoyez aussi « fin » au serveur : il répond FIN, et le client s'arrête.",
              "Send \"fin\" to the server too: it answers FIN, and the client stops."},
    CheckInfo{"client/fermeture-sans-fin", "client/premier-message", "s'arrête si le serveur ferme sans FIN",
              "ends when the server closes without FIN",
              "Quand le serveur a fermé, recv renvoie b'' (vide) à chaque appel : si le message est vide, sortez "
              "de la boucle. Le client de la leçon ne le fait pas.",
              "Once the server has closed, recv returns b'' (empty) every time: leave the loop on an empty message. "
              "The lesson's client does not."},
};

}  // namespace

std::span<const CheckInfo> checks_of(Role role) {
  if (role == Role::client) return client_checks;
  return server_checks;
}

const CheckInfo* find_check(std::string_view id) {
  for (const auto role : {Role::client, Role::server})
    for (const auto& info : checks_of(role))
      if (info.id == id) return &info;
  return nullptr;
}

}  // namespace liaison::check
