// TEMPORARY scaffold, replaced by the real operator console before any commit.
#include "net/operator_console.hpp"
namespace liaison::net {
int run_operator_console(const OperatorOptions&) { return 3; }
}  // namespace liaison::net
