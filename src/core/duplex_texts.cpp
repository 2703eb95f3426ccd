#include "core/duplex_texts.hpp"

namespace liaison::core {
namespace {

constexpr DuplexTexts french{
    .fin_unanswered = {"Le serveur n'a pas répondu FIN en {0} s : la connexion est fermée quand même."},
};

constexpr DuplexTexts english{
    .fin_unanswered = {"The server did not answer FIN within {0} s: closing the connection anyway."},
};

}  // namespace

const DuplexTexts& duplex_texts(Lang lang) { return lang == Lang::en ? english : french; }

}  // namespace liaison::core
