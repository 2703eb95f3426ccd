// `liaison check client -- CMD`: the checks of a student's juste prix client.
// liaison is the server on 127.0.0.1:port; each check is a fresh run of the
// program on a pseudo-terminal, typed at only when it waits for input.
#pragma once

#include <cstdint>

#include "check/context.hpp"
#include "check/report.hpp"
#include "check/selection.hpp"

namespace liaison::check {

struct ClientTarget {
  std::uint16_t port = 50000;
  Program program;
};

ProgramReport check_client(const ClientTarget& target, const Selection& selection, core::Lang lang, Timing timing);

}  // namespace liaison::check
