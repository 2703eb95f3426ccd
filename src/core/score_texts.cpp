#include "core/score_texts.hpp"

namespace liaison::core {
namespace {

constexpr ScoreTexts french{
    .rank_header = "#",
    .nickname_header = "Pseudo",
    .rounds_won_header = "Manches",
    .found_header = "Trouvés",
    .average_tries_header = "Essais",
    .best_time_header = "Record",
    .seconds = {"{0} s"},
    .decimal_mark = ",",
    .none = "-",
    .empty = "Pas encore de scores.",
    .no_database = {"Pas de base de scores à {0}."},
    .unreadable_database = {"Impossible de lire les scores : {0}"},
};

constexpr ScoreTexts english{
    .rank_header = "#",
    .nickname_header = "Player",
    .rounds_won_header = "Rounds",
    .found_header = "Found",
    .average_tries_header = "Tries",
    .best_time_header = "Best",
    .seconds = {"{0} s"},
    .decimal_mark = ".",
    .none = "-",
    .empty = "No scores yet.",
    .no_database = {"No scores database at {0}."},
    .unreadable_database = {"Cannot read the scores: {0}"},
};

}  // namespace

const ScoreTexts& score_texts(Lang lang) { return lang == Lang::en ? english : french; }

}  // namespace liaison::core
