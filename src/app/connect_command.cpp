// liaison connect: the lesson's client, and --duplex for servers that speak at any time.
#include <memory>

#include "app/commands.hpp"
#include "core/duplex_texts.hpp"
#include "client/duplex_client.hpp"
#include "client/lesson_client.hpp"

namespace liaison::app {
namespace {

struct ConnectOptions {
  client::ClientOptions client;
  bool duplex = false;
  bool trace = false;
  core::Lang lang = core::Lang::fr;
};

}  // namespace

void add_connect_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ConnectOptions>();
  CLI::App* command = app.add_subcommand(
      "connect", "Talk to a server as the lesson's client: it speaks, you answer (--duplex: both, at any time)");
  command->add_option("host", options->client.host, "Server address or name")->capture_default_str();
  command->add_option("port", options->client.port, "Server TCP port")->capture_default_str();
  command->add_flag("--line,-l", options->client.lines,
                    "Send \"\\n\"-terminated lines and read lines (line servers) instead of the lesson's raw messages");
  command->add_flag("--duplex,-d", options->duplex,
                    "Lines both ways, shown as they arrive even while you type (chat rooms, multiplayer): "
                    "on a terminal, line editing and history (Up/Down), the server's lines printed above yours; "
                    "from a pipe, plain lines in and out. Implies --line");
  command->add_flag("--trace", options->trace,
                    "Print every message on stderr as it passes, both ways: direction, time, bytes, "
                    "text with \\n, \\r and cut UTF-8 shown, then the close");
  add_lang_option(*command, options->lang);
  command->callback([options, &exit_code] {
    options->client.texts = &core::texts(options->lang);
    if (options->trace) options->client.trace = options->lang;
    exit_code = options->duplex ? client::run_duplex_client(options->client, core::duplex_texts(options->lang))
                                : client::run_lesson_client(options->client);
  });
}

}  // namespace liaison::app
