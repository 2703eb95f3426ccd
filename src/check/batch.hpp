// A teacher's batch: every submission a glob matches, each checked by a
// child `liaison check ... --json` of its own (in a private network
// namespace when Linux allows it, so several run at once on port 50000),
// the reports read back from its JSON. One bad submission never stops it.
#pragma once

#include <string>
#include <vector>

#include "check/report.hpp"

namespace liaison::check {

struct BatchJob {
  std::string program;            // the matched path, for the table
  std::vector<std::string> argv;  // liaison check ... --json -- command with {} replaced
};

// Paths matching `pattern` (a shell glob), sorted.
std::vector<std::string> expand_glob(const std::string& pattern);

// Runs `jobs`, `parallel` at a time; a job whose output is not a report
// gets one with `error` set.
std::vector<ProgramReport> run_batch(const std::vector<BatchJob>& jobs, int parallel);

}  // namespace liaison::check
