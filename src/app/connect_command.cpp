// TEMPORARY scaffold, replaced by the real connect command before any commit.
#include "app/commands.hpp"
namespace liaison::app {
void add_connect_command(CLI::App&, int&) {}
}  // namespace liaison::app
