#include "check/selection.hpp"

#include <algorithm>

#include "check/context.hpp"

namespace liaison::check {
namespace {

bool matches(std::string_view id, const std::vector<std::string>& patterns) {
  return std::ranges::any_of(patterns, [&](const std::string& pattern) { return id.starts_with(pattern); });
}

const CheckResult* result_of(const ProgramReport& report, std::string_view id) {
  const auto found = std::ranges::find_if(report.checks, [&](const CheckResult& c) { return c.id == id; });
  return found == report.checks.end() ? nullptr : &*found;
}

}  // namespace

bool Selection::wants(std::string_view id) const { return (only.empty() || matches(id, only)) && !matches(id, skip); }

void run_checks(Role role, const Selection& selection, core::Lang lang, ProgramReport& report,
                const std::function<CheckResult(const CheckInfo&)>& run) {
  for (const CheckInfo& info : checks_of(role)) {
    if (!selection.wants(info.id)) continue;
    const CheckResult* needed = info.depends_on.empty() ? nullptr : result_of(report, info.depends_on);
    CheckResult result;
    if (needed && needed->outcome != Outcome::passed && needed->outcome != Outcome::info) {
      result = verdict(Outcome::skipped, trf(lang, "non vérifié : « {} » n'a pas réussi",
                                             "not checked: \"{}\" did not pass", needed->name));
    } else {
      result = run(info);
      if (result.outcome != Outcome::passed) result.hint = std::string(info.hint(lang));
    }
    result.id = std::string(info.id);
    result.name = std::string(info.name(lang));
    report.checks.push_back(std::move(result));
  }
}

}  // namespace liaison::check
