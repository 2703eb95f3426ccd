// What every check of one program shares: the executor, the language, the
// time limits, and the program itself when liaison started it.
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "check/child.hpp"
#include "check/report.hpp"
#include "core/texts.hpp"
#include "net/asio.hpp"

namespace liaison::check {

struct Timing {
  Clock::duration reply = std::chrono::seconds(2);         // a reply, an exit, a prompt
  Clock::duration quiet = std::chrono::milliseconds(150);  // silence that ends one message
  Clock::duration start = std::chrono::seconds(5);         // a program to start listening or print
};

// The program under check, as the user gave it: argv with {port} replaced.
struct Program {
  std::vector<std::string> argv;  // empty: a server already running
  Limits limits;
};

// French or English, for the summaries the checks write.
inline std::string_view tr(core::Lang lang, std::string_view fr, std::string_view en) {
  return lang == core::Lang::en ? en : fr;
}

// Both sentences are literals that fmt checks against the arguments at
// compile time; only the choice between them is made at run time.
template <typename... Args>
std::string trf(core::Lang lang, fmt::format_string<Args...> fr, fmt::format_string<Args...> en, Args&&... args) {
  return fmt::format(lang == core::Lang::en ? en : fr, std::forward<Args>(args)...);
}

// A result with just an outcome and a summary, the transcript kept.
CheckResult verdict(Outcome outcome, std::string summary, std::vector<core::WireMessage> transcript = {});

// "« text »", invisible characters shown, cut at 120 bytes.
std::string in_quotes(std::string_view bytes);

// "Traceback (most recent call last)" in the program's output.
bool has_traceback(std::string_view output);

}  // namespace liaison::check
