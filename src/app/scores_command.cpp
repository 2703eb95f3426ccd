// liaison scores: the leaderboard of the games recorded on this machine.
#include <boost/json.hpp>
#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "core/leaderboard_text.hpp"
#include "core/score_texts.hpp"
#include "store/data_path.hpp"
#include "store/open_score_store.hpp"

namespace liaison::app {
namespace {

struct ScoresOptions {
  std::string db;  // empty: the default path
  std::size_t top = 10;
  bool json = false;
  core::Lang lang = core::Lang::fr;
};

// Nothing found: no average and no time, null rather than a made-up 0.
std::string to_json(const std::vector<core::LeaderboardRow>& rows) {
  boost::json::array players;
  std::int64_t rank = 0;
  for (const core::LeaderboardRow& row : rows) {
    boost::json::object player;
    player["rank"] = ++rank;
    player["nickname"] = row.nickname;
    player["rounds_won"] = row.rounds_won;
    player["games_found"] = row.games_found;
    player["games"] = row.games;
    player["average_tries"] = row.games_found > 0 ? boost::json::value(row.average_tries) : boost::json::value(nullptr);
    player["best_time_ms"] = row.best_time ? boost::json::value(row.best_time->count()) : boost::json::value(nullptr);
    players.push_back(std::move(player));
  }
  return boost::json::serialize(boost::json::object{{"players", std::move(players)}});
}

int run_scores(const ScoresOptions& options) {
  const core::ScoreTexts& texts = core::score_texts(options.lang);
  const bool explicit_path = !options.db.empty();
  const std::filesystem::path path = explicit_path ? std::filesystem::path(options.db) : store::default_db_path();
  std::vector<core::LeaderboardRow> rows;
  if (std::filesystem::exists(path)) {
    try {
      rows = store::open_score_store(path.string(), store::sqlite::OpenMode::existing)->leaderboard(options.top);
    } catch (const std::exception& error) {
      fmt::print(stderr, "liaison: {}\n", fmt::format(fmt::runtime(texts.unreadable_database), error.what()));
      return 1;
    }
  } else if (explicit_path) {
    // Likely a typo: creating an empty database there would hide it.
    fmt::print(stderr, "liaison: {}\n", fmt::format(fmt::runtime(texts.no_database), path.string()));
    return 1;
  }
  // else: no game recorded on this machine yet, and reading creates nothing.
  fmt::print("{}\n", options.json ? to_json(rows) : core::format_leaderboard(rows, options.lang));
  return 0;
}

}  // namespace

void add_scores_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ScoresOptions>();
  CLI::App* command = app.add_subcommand("scores", "Show the leaderboard of the juste prix games recorded on this machine");
  command->add_option("--db", options->db, "Scores database (default: $XDG_DATA_HOME/liaison/scores.db)")
      ->option_text("PATH");
  command->add_option("--top", options->top, "Players shown, best first")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  command->add_flag("--json", options->json, "Print the leaderboard as one JSON document");
  add_lang_option(*command, options->lang);
  command->callback([options, &exit_code] { exit_code = run_scores(*options); });
}

}  // namespace liaison::app
