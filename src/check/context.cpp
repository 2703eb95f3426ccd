#include "check/context.hpp"

namespace liaison::check {

// Out of line: GCC 12 inlines it into coroutine frames and then warns about
// bounds it cannot see (-Warray-bounds false positives).
CheckResult verdict(Outcome outcome, std::string summary, std::vector<core::WireMessage> transcript) {
  CheckResult result;
  result.outcome = outcome;
  result.summary = std::move(summary);
  result.transcript = std::move(transcript);
  return result;
}

bool has_traceback(std::string_view output) { return output.find("Traceback (most recent call last)") != output.npos; }

}  // namespace liaison::check
