// TEMPORARY scaffold, replaced by the real play command before any commit.
#include "app/commands.hpp"
namespace liaison::app {
void add_play_command(CLI::App&, int&) {}
}  // namespace liaison::app
