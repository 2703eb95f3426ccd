// `liaison bench`: a load generator for the juste prix server.
#pragma once

#include "bench/options.hpp"

namespace liaison::bench {

// Runs the whole benchmark and prints its report on stdout (progress on
// stderr). Returns the exit code: 0 when nothing went wrong, 1 otherwise.
int run_bench(const BenchOptions& options);

}  // namespace liaison::bench
