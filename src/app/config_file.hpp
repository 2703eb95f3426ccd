// `liaison serve`'s options from a TOML file, read by CLI11's own parser:
// --config FILE, else $XDG_CONFIG_HOME/liaison/liaison.toml (~/.config by
// default), else /etc/liaison/liaison.toml. One file is read, the first found;
// the command line wins over it. The keys are the long option names.
#pragma once

#include <CLI/CLI.hpp>

#include <stdexcept>

namespace liaison::app {

// A config file that cannot be read, or a key or value it refuses.
// what() is one line: "FILE:LINE: why" (or "FILE: why").
class ConfigFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Adds --config to `command` and reads the file once the command line is parsed.
// $LIAISON_SYSTEM_CONFIG, when set, replaces /etc/liaison/liaison.toml: the
// tests point it into the build tree, so that an installed package's file
// cannot change what they run.
void add_config_file(CLI::App& command);

}  // namespace liaison::app
