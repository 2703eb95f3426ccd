#include "check/client_checks.hpp"

#include "check/client_probes.hpp"
#include "check/runner.hpp"

namespace liaison::check {

ProgramReport check_client(const ClientTarget& target, const Selection& selection, core::Lang lang, Timing timing) {
  ProgramReport report;
  report.program = fmt::format("{}", fmt::join(target.program.argv, " "));
  asio::io_context io;
  run_checks(Role::client, selection, lang, report, [&](const CheckInfo& info) {
    // Each check is a fresh run of the program, ended (its whole process
    // group) when the check is over.
    auto result = run_to_end(io, run_client_check(info.id, io.get_executor(), target, lang, timing));
    io.run();  // the run's reader and reaper end once it is stopped
    io.restart();
    return result;
  });
  return report;
}

}  // namespace liaison::check
