// core::Text turns a bad sentence into a compile error. Built as is, this file
// must compile (the control: the setup is right); built with LIAISON_BAD_TEXT=N,
// case N must not, with fmt's or the compiler's message (tests/CMakeLists.txt).
#include <cstdint>
#include <string>
#include <string_view>

#include "core/text.hpp"

namespace {

using liaison::core::Text;

struct Table {
  Text<std::int64_t, int> won;     // {0} = secret, {1} = tries
  Text<std::string_view> seconds;  // {0} = a duration already formatted
};

#if LIAISON_BAD_TEXT == 1
// {2}: a third argument, where there are two.
constexpr Table table{.won = {"Gagné ! C'était {0}, trouvé en {2} essai(s)."}, .seconds = {"{0} s"}};
#elif LIAISON_BAD_TEXT == 2
// d: an integer's presentation, for a string.
constexpr Table table{.won = {"Gagné ! C'était {0}, trouvé en {1} essai(s)."}, .seconds = {"{0:d} s"}};
#else
constexpr Table table{.won = {"Gagné ! C'était {0}, trouvé en {1} essai(s)."}, .seconds = {"{0} s"}};
#endif

}  // namespace

std::string won_text() {
#if LIAISON_BAD_TEXT == 3
  return table.won.format(42);  // one argument of two
#elif LIAISON_BAD_TEXT == 4
  return table.won.format("42", 3);  // a string for the secret
#else
  return table.won.format(42, 3) + table.seconds.format("1,5");
#endif
}
