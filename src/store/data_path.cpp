#include "store/data_path.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace liaison::store {
namespace {

// An environment variable's value, empty when unset.
std::string_view environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

}  // namespace

std::filesystem::path default_db_path() {
  // The XDG spec says to ignore a relative XDG_DATA_HOME.
  std::filesystem::path data_home(environment("XDG_DATA_HOME"));
  if (!data_home.is_absolute()) {
    const std::string_view home = environment("HOME");
    if (home.empty()) throw std::runtime_error("cannot find the scores database: neither XDG_DATA_HOME nor HOME is set");
    data_home = std::filesystem::path(home) / ".local" / "share";
  }
  return data_home / "liaison" / "scores.db";
}

void create_parent_directories(const std::filesystem::path& db_path) {
  const std::filesystem::path directory = db_path.parent_path();
  if (directory.empty() || std::filesystem::exists(directory)) return;
  std::filesystem::create_directories(directory);
  std::filesystem::permissions(directory, std::filesystem::perms::owner_all);
}

}  // namespace liaison::store
