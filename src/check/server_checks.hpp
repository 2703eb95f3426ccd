// `liaison check server`: the checks of a student's juste prix server, run
// against one already listening (program.argv empty) or one liaison starts.
#pragma once

#include <string>
#include <vector>

#include "check/context.hpp"
#include "check/report.hpp"
#include "check/selection.hpp"

namespace liaison::check {

struct ServerTarget {
  std::string host = "127.0.0.1";
  std::uint16_t port = 50000;
  Program program;  // empty argv: already running
};

ProgramReport check_server(const ServerTarget& target, const Selection& selection, core::Lang lang, Timing timing);

}  // namespace liaison::check
