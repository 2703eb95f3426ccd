// The options of `liaison check client|server`, and the command's work.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "check/catalog.hpp"
#include "check/selection.hpp"
#include "core/texts.hpp"

namespace liaison::app {

struct CheckOptions {
  check::Role role = check::Role::client;
  core::Lang lang = core::Lang::fr;
  bool json = false;
  bool list = false;
  bool private_net = false;
  std::string csv;
  std::string report_dir;
  std::string each;
  int parallel = 1;
  double timeout = 2.0;
  int port = 50000;
  std::vector<std::string> words;
  check::Selection selection;
};

// Exit status: 0 every check passed, 1 one failed, 2 usage, 3 the tool could not run.
int run_check_command(const CheckOptions& options);

}  // namespace liaison::app
