// A sentence of the text tables (core/texts.hpp and the others) that has
// placeholders: Text<std::int64_t, int> won{"Gagné ! C'était {0}, trouvé en {1} essai(s)."}.
// The types are the arguments `format` takes, so a placeholder that names no
// argument, a format spec that does not suit its argument ("{0:d}" for a
// string) or a call with the wrong arguments is a compile error, in every
// language, as for a literal passed to fmt::format.
#pragma once

#include <fmt/core.h>

#include <string>
#include <string_view>

namespace liaison::core {

template <typename... Args>
class Text {
 public:
  // The check is fmt's own: format_string's constructor is consteval and
  // parses the text against Args, as for a literal given to fmt::format. The
  // field is brace-initialised, `.won = {"..."}`: the braces let the literal
  // become a format_string (checked), then a Text. Keep the tables
  // `constexpr`: g++ 12 checks even a `const` table, clang 14 (the fuzz build)
  // only a constexpr one. Tried with Debian 12's fmt 9.1: `{2}` in a
  // Text<std::int64_t, int> stops g++ 12 with "on_error ... called in a
  // constant expression" on fmt's "argument not found", and clang 14 with
  // "constexpr variable must be initialized by a constant expression";
  // "{0:d}" in a Text<std::string_view> with "invalid type specifier".
  // tests/compile_fail keeps that proof as tests. Why not a consteval
  // constructor taking the literal itself, which would spare the braces:
  // clang 14 rejects the nested consteval call on its parameter.
  constexpr Text(fmt::format_string<Args...> text) : text_(text) {}

  // `const Args&`: the arguments convert to the declared types at the call,
  // where -Wconversion sees a narrowing.
  std::string format(const Args&... args) const { return fmt::vformat(text_, fmt::make_format_args(args...)); }

  // The text itself, placeholders included (the player reads the server's
  // texts to recognise its replies).
  std::string_view view() const {
    // fmt 9.1's format_string converts to its string only at run time.
    const fmt::string_view text = text_;
    return {text.data(), text.size()};
  }

 private:
  fmt::format_string<Args...> text_;
};

}  // namespace liaison::core
