// Which checks run (--only, --skip), and how a check that depends on another
// one that did not pass is reported: not checked.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "check/catalog.hpp"
#include "check/report.hpp"

namespace liaison::check {

struct Selection {
  std::vector<std::string> only;  // ids or prefixes ("client/fin"); empty: all
  std::vector<std::string> skip;

  bool wants(std::string_view id) const;
};

// Runs `run` for each selected check of `role` in order, filling id, name and
// hint; a check whose dependency did not pass is skipped without running.
void run_checks(Role role, const Selection& selection, core::Lang lang, ProgramReport& report,
                const std::function<CheckResult(const CheckInfo&)>& run);

}  // namespace liaison::check
