// Each subcommand registers its options and its action on the CLI11 app.
// An action stores the process exit code in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

#include "core/texts.hpp"

namespace liaison::app {

void add_serve_command(CLI::App& app, int& exit_code);
void add_connect_command(CLI::App& app, int& exit_code);
void add_play_command(CLI::App& app, int& exit_code);
void add_bench_command(CLI::App& app, int& exit_code);
void add_scores_command(CLI::App& app, int& exit_code);
void add_check_command(CLI::App& app, int& exit_code);
// `liaison version`, and the --version flag.
void add_version_command(CLI::App& app);

// --lang fr|en, shared by every subcommand.
void add_lang_option(CLI::App& command, core::Lang& lang);

}  // namespace liaison::app
