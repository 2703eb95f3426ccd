#include "app/config_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

namespace liaison::app {
namespace {

namespace fs = std::filesystem;

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

bool found(const fs::path& path) {
  std::error_code error;
  return fs::exists(path, error);
}

// The file read when --config is not given; empty when there is none.
fs::path default_config_file() {
  // The XDG spec says to ignore a relative XDG_CONFIG_HOME.
  fs::path config_home(environment("XDG_CONFIG_HOME"));
  if (!config_home.is_absolute()) {
    const std::string home = environment("HOME");
    config_home = home.empty() ? fs::path() : fs::path(home) / ".config";
  }
  if (!config_home.empty() && found(config_home / "liaison" / "liaison.toml"))
    return config_home / "liaison" / "liaison.toml";
  const std::string system = environment("LIAISON_SYSTEM_CONFIG");
  const fs::path system_file = system.empty() ? fs::path("/etc/liaison/liaison.toml") : fs::path(system);
  return found(system_file) ? system_file : fs::path();
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// The key a line sets, as CLI11's parser reads it ("" for blank lines and comments).
std::string key_of(const std::string& line) {
  const std::string text = trimmed(line);
  if (text.empty() || text.front() == '#' || text.front() == ';') return {};
  std::string key = trimmed(text.substr(0, text.find_first_of("=#")));
  if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'') && key.back() == key.front())
    key = key.substr(1, key.size() - 2);
  return key;
}

// CLI11's items carry no line numbers: the line of the n-th (from 0) entry of `key`.
std::size_t line_of(const std::vector<std::string>& lines, const std::string& key, std::size_t occurrence) {
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (key_of(lines[i]) == key && occurrence-- == 0) return i + 1;
  return 0;
}

std::vector<std::string> read_lines(const fs::path& file) {
  std::ifstream input(file);
  if (!input) throw ConfigFileError(fmt::format("{}: cannot read the config file: {}", file.string(), std::strerror(errno)));
  std::vector<std::string> lines;
  for (std::string line; std::getline(input, line);) lines.push_back(line);
  if (input.bad()) throw ConfigFileError(fmt::format("{}: cannot read the config file", file.string()));
  return lines;
}

// Sets `command`'s options that the command line left unset from `file`.
void read_config_file(CLI::App& command, const fs::path& file) {
  const std::vector<std::string> lines = read_lines(file);
  const auto where = [&file](std::size_t line) { return fmt::format("{}:{}", file.string(), line); };
  // CLI11 would route a [section] to a subcommand; serve has none.
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (trimmed(lines[i]).starts_with('['))
      throw ConfigFileError(fmt::format("{}: no [section] in liaison's config file: the keys go at the top", where(i + 1)));
  std::ostringstream text;
  for (const std::string& line : lines) text << line << '\n';
  std::istringstream input(text.str());
  const std::shared_ptr<CLI::Config> parser = command.get_config_formatter();
  std::map<std::string, std::size_t> seen;
  for (const CLI::ConfigItem& item : parser->from_config(input)) {
    const std::string key = item.fullname();  // "a.b" for a dotted key
    const std::string at = where(line_of(lines, key, seen[key]++));
    // CLI11 merges a key's consecutive lines (a list); a key set again later would be dropped.
    if (seen[key] > 1)
      throw ConfigFileError(fmt::format("{}: \"{}\" is set twice (first on line {})", at, key, line_of(lines, key, 0)));
    CLI::Option* option = item.parents.empty() ? command.get_option_no_throw("--" + item.name) : nullptr;
    if (option == nullptr)
      throw ConfigFileError(fmt::format("{}: unknown key \"{}\" (the keys are the long options of `liaison {} --help`)",
                                        at, key, command.get_name()));
    if (!option->get_configurable())
      throw ConfigFileError(fmt::format("{}: \"{}\" cannot be set in a config file", at, item.name));
    if (option->count() > 0) continue;  // the command line wins
    // `allow = []`: no value, as when the key is absent (CLI11 wants at least one).
    if (item.inputs.empty() && option->get_items_expected_max() > 1) continue;
    try {
      // As CLI11 does for its own config files; the callback now, since the
      // subcommand's option callbacks have already run.
      if (option->get_expected_min() == 0)
        option->add_result(option->get_flag_value(item.name, parser->to_flag(item)));
      else
        option->add_result(item.inputs);
      option->run_callback();
    } catch (const CLI::Error& error) {
      throw ConfigFileError(fmt::format("{}: bad value for \"{}\": {}", at, item.name, error.what()));
    }
  }
}

}  // namespace

void add_config_file(CLI::App& command) {
  auto file = std::make_shared<std::string>();
  command
      .add_option("--config", *file,
                  "TOML file of these options, as `key = value` lines (default: $XDG_CONFIG_HOME/liaison/liaison.toml, "
                  "else /etc/liaison/liaison.toml); the command line wins")
      ->option_text("FILE")
      ->configurable(false);
  command.parse_complete_callback([&command, file] {
    const fs::path path = file->empty() ? default_config_file() : fs::path(*file);
    if (!path.empty()) read_config_file(command, path);
  });
}

}  // namespace liaison::app
