// liaison version (and liaison --version): the version CMake's project() defines.
#include <fmt/format.h>

#include "app/commands.hpp"
#include "app/version.hpp"

namespace liaison::app {
namespace {

std::string version_text() { return fmt::format("liaison {}", version); }

}  // namespace

void add_version_command(CLI::App& app) {
  app.set_version_flag("--version", version_text());
  CLI::App* command = app.add_subcommand("version", "Print liaison's version, as --version does");
  command->callback([] { fmt::print("{}\n", version_text()); });
}

}  // namespace liaison::app
