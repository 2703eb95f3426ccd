// Test support: a fresh directory of its own for a test's files, removed
// with everything in it when the test ends.
#pragma once

#include <filesystem>
#include <string_view>

namespace liaison::testing {

class TempDir {
 public:
  TempDir();   // a new, empty directory under the system's temp directory
  ~TempDir();  // removes it, whatever the test left in it
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // A path inside the directory (not created).
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace liaison::testing
