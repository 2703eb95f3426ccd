// liaison scores: the leaderboard of the games recorded on this machine.
#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "core/leaderboard_text.hpp"
#include "core/score_texts.hpp"
#include "store/data_path.hpp"
#include "store/open_score_store.hpp"
#include "web/json_views.hpp"

namespace liaison::app {
namespace {

struct ScoresOptions {
  std::string db;  // empty: the default path
  std::size_t top = 10;
  bool json = false;
  core::Lang lang = core::Lang::fr;
};

// The leaderboard of an existing database; nullopt once the error is said.
std::optional<std::vector<core::LeaderboardRow>> read_leaderboard(const std::string& db, const ScoresOptions& options) {
  try {
    return store::open_score_store(db, store::sqlite::OpenMode::existing)->leaderboard(options.top);
  } catch (const std::exception& error) {
    const core::ScoreTexts& texts = core::score_texts(options.lang);
    fmt::print(stderr, "liaison: {}\n", texts.unreadable_database.format(error.what()));
    return std::nullopt;
  }
}

int run_scores(const ScoresOptions& options) {
  const core::ScoreTexts& texts = core::score_texts(options.lang);
  const bool explicit_path = !options.db.empty();
  const std::filesystem::path path = explicit_path ? std::filesystem::path(options.db) : store::default_db_path();
  std::vector<core::LeaderboardRow> rows;
  if (store::postgres_conninfo(options.db) || std::filesystem::exists(path)) {
    auto read = read_leaderboard(path.string(), options);
    if (!read) return 1;
    rows = std::move(*read);
  } else if (explicit_path) {
    // Likely a typo: creating an empty database there would hide it.
    fmt::print(stderr, "liaison: {}\n", texts.no_database.format(path.string()));
    return 1;
  }
  // else: no game recorded on this machine yet, and reading creates nothing.
  fmt::print("{}\n", options.json ? web::leaderboard_json(rows) : core::format_leaderboard(rows, options.lang));
  return 0;
}

}  // namespace

void add_scores_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ScoresOptions>();
  CLI::App* command = app.add_subcommand("scores", "Show the leaderboard of the juste prix games recorded on this machine");
  command->add_option("--db", options->db,
                      "Scores database: a file (default: $XDG_DATA_HOME/liaison/scores.db) or a postgresql:// URI")
      ->option_text("PATH");
  command->add_option("--top", options->top, "Players shown, best first")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  command->add_flag("--json", options->json, "Print the leaderboard as one JSON document");
  add_lang_option(*command, options->lang);
  command->callback([options, &exit_code] { exit_code = run_scores(*options); });
}

}  // namespace liaison::app
