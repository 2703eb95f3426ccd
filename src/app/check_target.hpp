// What `liaison check` is pointed at, from its words: a running server's
// address, or a command to start (its {port} and {} filled in, its file
// arguments made absolute since it runs in a temporary directory).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/check_options.hpp"
#include "check/context.hpp"

namespace liaison::app {

struct Target {
  check::Role role = check::Role::client;
  std::string host = "127.0.0.1";
  std::uint16_t port = 50000;
  check::Program program;
};

// 0, or the exit status of a usage error already explained on stderr
// (port taken, no such command, no command for a client).
int resolve_target(const CheckOptions& options, Target& target);
int usage_error(const CheckOptions& options, const std::string& message);

// The child `liaison check` of one batch submission.
std::vector<std::string> batch_argv(const CheckOptions& options, const std::string& path, bool isolated);

// "rendus/alice/client.py" -> "rendus_alice_client.py.html"
std::string report_file_name(const std::string& program);

}  // namespace liaison::app
