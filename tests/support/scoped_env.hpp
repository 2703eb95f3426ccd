// Test support: sets (or unsets) an environment variable for one test, and
// puts back what was there. Children started meanwhile inherit the value.
#pragma once

#include <stdlib.h>

#include <optional>
#include <string>

namespace liaison::testing {

class ScopedEnv {
 public:
  // nullopt: unset.
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = ::getenv(name)) old_ = old;
    set(value);
  }
  ~ScopedEnv() { set(old_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  void set(const std::optional<std::string>& value) {
    if (value)
      ::setenv(name_, value->c_str(), 1);
    else
      ::unsetenv(name_);
  }

  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace liaison::testing
