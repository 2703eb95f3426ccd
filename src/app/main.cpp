// liaison: the lesson's TCP client, its servers and the juste prix game.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <csignal>
#include <exception>

#include "app/commands.hpp"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"liaison: the lesson's TCP chat client and servers, and le juste prix over the network"};
  app.set_version_flag("--version", "liaison 1.0.0");
  app.require_subcommand(1);
  int exit_code = 0;
  liaison::app::add_serve_command(app, exit_code);
  liaison::app::add_connect_command(app, exit_code);
  liaison::app::add_play_command(app, exit_code);
  liaison::app::add_bench_command(app, exit_code);
  liaison::app::add_scores_command(app, exit_code);
  liaison::app::add_check_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version exit 0; every usage error exits 2.
    return app.exit(error) == 0 ? 0 : 2;
  } catch (const std::exception& error) {
    fmt::print(stderr, "liaison: {}\n", error.what());
    return 1;
  }
  return exit_code;
}
