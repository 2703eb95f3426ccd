// liaison check client|server: named checks of a student's program, one
// report per program (text, --json, --csv, --report-dir), a batch with --each.
#include <fmt/format.h>

#include <fstream>

#include "app/check_options.hpp"
#include "app/commands.hpp"
#include "check/catalog.hpp"

namespace liaison::app {
namespace {

void add_common(CLI::App& command, CheckOptions& options) {
  add_lang_option(command, options.lang);
  command.add_flag("--json", options.json,
                   "Print the report as JSON (the format of docs: one object, or an array for --each)");
  command.add_option("--csv", options.csv, "Also write the batch's table as CSV to FILE (for the gradebook)");
  command.add_option("--report-dir", options.report_dir,
                     "Also write one self-contained HTML report per program in DIR");
  command.add_flag("--list", options.list, "List the checks and their ids, then stop");
  command.add_option("--only", options.selection.only, "Run only these checks (ids or prefixes, repeatable)")
      ->allow_extra_args(false);
  command.add_option("--skip", options.selection.skip, "Skip these checks (ids or prefixes, repeatable)")
      ->allow_extra_args(false);
  command.add_option("--each", options.each, "A batch: every path this glob matches replaces {} in the command");
  command.add_option("-j", options.parallel, "Submissions checked at once in a batch (default 1)")
      ->check(CLI::Range(1, 64));
  command.add_option("--timeout", options.timeout, "Seconds to wait for each reply or prompt (default 2)")
      ->check(CLI::Range(0.1, 60.0));
  command.add_flag("--private-net", options.private_net,
                   "Run in a network namespace of its own (Linux; the batch does it)");
  command.add_option("--port", options.port,
                     "Port of the game (default 50000; 0: a free one, given to the program as {port})");
  command.add_option("words", options.words, "[HOST] PORT of a running server, or -- CMD ARGS... to start");
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto* check =
      app.add_subcommand("check", "Check a student's juste prix client or server: named checks, verdicts, hints");
  check->require_subcommand(1);
  for (const auto role : {check::Role::client, check::Role::server}) {
    const bool client = role == check::Role::client;
    auto options = std::make_shared<CheckOptions>();
    options->role = role;
    auto* command = check->add_subcommand(client ? "client" : "server",
                                          client ? "Check a client: liaison is the server (-- CMD ARGS...)"
                                                 : "Check a server: [HOST] PORT already running, or -- CMD ARGS...");
    add_common(*command, *options);
    command->callback([options, &exit_code] { exit_code = run_check_command(*options); });
  }
}

}  // namespace liaison::app
