// Every check liaison knows, with its stable id, its name and its hint in
// both languages, and the check it needs to have passed first.
#pragma once

#include <span>
#include <string_view>

#include "core/texts.hpp"

namespace liaison::check {

enum class Role { client, server };

struct CheckInfo {
  std::string_view id;          // "client/fin-serveur": stable, for --only, --skip and scripts
  std::string_view depends_on;  // "" or the id that must pass first
  std::string_view name_fr, name_en;
  std::string_view hint_fr, hint_en;  // for a 16-year-old, when it fails

  std::string_view name(core::Lang lang) const { return lang == core::Lang::en ? name_en : name_fr; }
  std::string_view hint(core::Lang lang) const { return lang == core::Lang::en ? hint_en : hint_fr; }
};

std::span<const CheckInfo> checks_of(Role role);
const CheckInfo* find_check(std::string_view id);

}  // namespace liaison::check
