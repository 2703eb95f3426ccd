// The work of `liaison check`: the target from the words, one program or a
// batch, and the reports in every format asked for.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/check_options.hpp"
#include "app/check_target.hpp"
#include "check/batch.hpp"
#include "check/child.hpp"
#include "check/client_checks.hpp"
#include "check/isolation.hpp"
#include "check/render.hpp"
#include "check/server_checks.hpp"

namespace liaison::app {
namespace {

namespace fs = std::filesystem;

int list_checks(const CheckOptions& options) {
  for (const auto& info : check::checks_of(options.role))
    fmt::print("{:32} {}{}\n", info.id, info.name(options.lang),
               info.depends_on.empty() ? "" : fmt::format("  (← {})", info.depends_on));
  return 0;
}

check::Timing timing_of(const CheckOptions& options) {
  check::Timing timing;
  timing.reply = std::chrono::milliseconds(static_cast<long>(options.timeout * 1000));
  return timing;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// One file per program, named after it, to hand back to its author.
void write_reports(const CheckOptions& options, const std::vector<check::ProgramReport>& reports) {
  if (!options.csv.empty()) write_file(options.csv, check::render_csv(reports));
  if (options.report_dir.empty()) return;
  fs::create_directories(options.report_dir);
  write_file(fs::path(options.report_dir) / "index.html", check::render_html(reports, options.lang));
  for (const auto& report : reports)
    write_file(fs::path(options.report_dir) / report_file_name(report.program),
               check::render_html({report}, options.lang));
}

int exit_status(const std::vector<check::ProgramReport>& reports) {
  for (const auto& report : reports)
    if (!report.error.empty()) return 3;
  for (const auto& report : reports)
    if (!report.all_passed()) return 1;
  return 0;
}

int finish(const CheckOptions& options, const std::vector<check::ProgramReport>& reports, bool batch) {
  if (options.json) {
    boost::json::array array;
    for (const auto& report : reports) array.push_back(check::to_json(report, options.lang));
    fmt::print("{}\n", batch ? boost::json::serialize(array) : boost::json::serialize(array.at(0)));
  } else if (batch) {
    fmt::print("{}", check::render_table(reports, options.lang));
  } else {
    fmt::print("{}", check::render_text(reports.at(0), options.lang));
  }
  write_reports(options, reports);
  return exit_status(reports);
}

check::ProgramReport check_one(const CheckOptions& options, const Target& target) {
  if (target.role == check::Role::client)
    return check::check_client({target.port, target.program}, options.selection, options.lang, timing_of(options));
  return check::check_server({target.host, target.port, target.program}, options.selection, options.lang,
                             timing_of(options));
}

int run_batch(const CheckOptions& options) {
  const auto paths = check::expand_glob(options.each);
  if (paths.empty()) return usage_error(options, fmt::format("--each {}: no file matches", options.each));
  const bool isolated = check::private_network_available();
  std::vector<check::BatchJob> jobs;
  for (const auto& path : paths) jobs.push_back({path, batch_argv(options, path, isolated)});
  if (!isolated && !options.json)
    fmt::print(stderr, "{}\n",
               options.lang == core::Lang::en
                   ? "namespaces unavailable: submissions run one after another"
                   : "espaces de noms réseau indisponibles : les rendus passent l'un après l'autre");
  return finish(options, check::run_batch(jobs, isolated ? options.parallel : 1), true);
}

}  // namespace

int run_check_command(const CheckOptions& options) {
  if (options.list) return list_checks(options);
  check::kill_children_on_signal();
  if (!options.each.empty()) return run_batch(options);
  std::string error;
  if (options.private_net && !check::enter_private_network(error)) {
    fmt::print(stderr, "liaison check: {}\n", error);
    return 3;
  }
  Target target;
  if (const int status = resolve_target(options, target); status != 0) return status;
  auto report = check_one(options, target);
  if (options.private_net)
    report.notes.emplace_back(options.lang == core::Lang::en ? "own network namespace" : "espace de noms réseau privé");
  return finish(options, {report}, false);
}

}  // namespace liaison::app
