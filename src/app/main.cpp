// liaison: the lesson's TCP client, its servers and the juste prix game.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <csignal>
#include <exception>

#include "app/commands.hpp"
#include "app/config_file.hpp"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"liaison: the lesson's TCP chat client and servers, and le juste prix over the network"};
  app.require_subcommand(1);
  int exit_code = 0;
  liaison::app::add_serve_command(app, exit_code);
  // Registered from here so that serve_command.cpp stays about serving.
  liaison::app::add_config_file(*app.get_subcommand("serve"));
  liaison::app::add_connect_command(app, exit_code);
  liaison::app::add_play_command(app, exit_code);
  liaison::app::add_bench_command(app, exit_code);
  liaison::app::add_scores_command(app, exit_code);
  liaison::app::add_check_command(app, exit_code);
  liaison::app::add_version_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version exit 0; every usage error exits 2.
    return app.exit(error) == 0 ? 0 : 2;
  } catch (const liaison::app::ConfigFileError& error) {
    fmt::print(stderr, "liaison: {}\n", error.what());  // one line, FILE:LINE: ...
    return 2;
  } catch (const std::exception& error) {
    fmt::print(stderr, "liaison: {}\n", error.what());
    return 1;
  }
  return exit_code;
}
