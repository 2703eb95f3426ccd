// A network namespace of its own for one checked submission (Linux, when
// allowed): a private port 50000 and no network beyond its own loopback.
#pragma once

#include <string>

namespace liaison::check {

// Moves this process into a new network namespace with its loopback up;
// false (and `error`) when the system does not allow it.
bool enter_private_network(std::string& error);

// Whether enter_private_network would work here (tried in a child process).
bool private_network_available();

}  // namespace liaison::check
