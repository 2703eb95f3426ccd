// liaison play: the juste prix client, for a person or by bisection (--auto).
#include <memory>

#include "app/commands.hpp"
#include "client/play_client.hpp"

namespace liaison::app {

void add_play_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<client::PlayOptions>();
  CLI::App* command = app.add_subcommand("play", "Play le juste prix against a server, yourself or by bisection (--auto)");
  command->add_option("host", options->host, "Server address")->capture_default_str();
  command->add_option("port", options->port, "Server port")->capture_default_str();
  CLI::Option* automatic =
      command->add_flag("--auto", options->automatic, "Play alone by bisection, printing every move");
  command->add_option("--games", options->games, "With --auto: games to play before answering no")
      ->check(CLI::Range(1, 1'000'000))
      ->needs(automatic)
      ->capture_default_str();
  command->add_option("--timeout", options->timeout_seconds, "Seconds to wait for each answer of the server")
      ->check(CLI::Range(0.001, 3600.0))
      ->capture_default_str();
  add_lang_option(*command, options->lang);
  command->callback([options, &exit_code] { exit_code = client::run_play_client(*options); });
}

}  // namespace liaison::app
