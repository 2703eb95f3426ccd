#include "check/render.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/utf8.hpp"

namespace liaison::check {
namespace {

std::string_view mark(Outcome outcome) {
  switch (outcome) {
    case Outcome::passed:
      return "✓";
    case Outcome::failed:
    case Outcome::crashed:
      return "✗";
    case Outcome::timeout:
      return "⧗";
    case Outcome::skipped:
      return "-";
    case Outcome::info:
      return "!";
  }
  return "?";
}

void add_details(std::string& out, const CheckResult& check, core::Lang lang) {
  const bool fr = lang == core::Lang::fr;
  if (!check.expected.empty()) out += fmt::format("    {} : {}\n", fr ? "attendu" : "expected", check.expected);
  if (!check.actual.empty()) out += fmt::format("    {} : {}\n", fr ? "obtenu" : "actual", check.actual);
  if (!check.hint.empty()) out += fmt::format("    {} : {}\n", fr ? "conseil" : "hint", check.hint);
  const auto lines = transcript_lines(check, lang);
  const std::size_t from = lines.size() > 16 ? lines.size() - 16 : 0;
  for (std::size_t i = from; i < lines.size(); ++i) out += "      " + lines[i] + "\n";
  for (const auto& line : check.output) out += "    | " + line + "\n";
}

std::string pad(std::string_view text, std::size_t width) {
  const std::size_t shown = core::code_points(text);
  return std::string(text) + std::string(shown < width ? width - shown : 0, ' ');
}

std::string csv_field(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::vector<std::string> check_ids(const std::vector<ProgramReport>& reports) {
  std::vector<std::string> ids;
  for (const auto& report : reports)
    for (const auto& check : report.checks)
      if (std::ranges::find(ids, check.id) == ids.end()) ids.push_back(check.id);
  return ids;
}

const CheckResult* find(const ProgramReport& report, std::string_view id) {
  const auto found = std::ranges::find_if(report.checks, [&](const auto& c) { return c.id == id; });
  return found == report.checks.end() ? nullptr : &*found;
}

}  // namespace

std::string render_text(const ProgramReport& report, core::Lang lang) {
  std::string out = fmt::format("{}\n", report.program);
  for (const auto& note : report.notes) out += fmt::format("  ({})\n", note);
  if (!report.error.empty()) out += fmt::format("  ✗ {}\n", report.error);
  for (const auto& check : report.checks) {
    out += fmt::format("  {} {} [{}] : {}\n", mark(check.outcome), check.name, check.id, check.summary);
    if (check.outcome != Outcome::passed && check.outcome != Outcome::skipped) add_details(out, check, lang);
  }
  out += fmt::format("  score : {}\n", report.score());
  return out;
}

std::string render_table(const std::vector<ProgramReport>& reports, core::Lang) {
  const auto ids = check_ids(reports);
  std::size_t width = 10;
  for (const auto& report : reports) width = std::max(width, core::code_points(report.program));
  std::string out = pad("", width);
  for (std::size_t i = 0; i < ids.size(); ++i) out += fmt::format(" {:>2}", i + 1);
  out += "  score\n";
  for (const auto& report : reports) {
    out += pad(report.program, width);
    for (const auto& id : ids) out += fmt::format("  {}", find(report, id) ? mark(find(report, id)->outcome) : " ");
    out += fmt::format("  {}{}\n", report.score(), report.error.empty() ? "" : "  " + report.error);
  }
  for (std::size_t i = 0; i < ids.size(); ++i) out += fmt::format("{:>3} {}\n", i + 1, ids[i]);
  return out;
}

std::string render_csv(const std::vector<ProgramReport>& reports) {
  const auto ids = check_ids(reports);
  std::string out = "program,score,passed,counted";
  for (const auto& id : ids) out += "," + csv_field(id);
  out += "\n";
  for (const auto& report : reports) {
    out += fmt::format("{},{},{},{}", csv_field(report.program), csv_field(report.score()), report.passed(),
                       report.counted());
    for (const auto& id : ids)
      out += "," + std::string(find(report, id) ? outcome_name(find(report, id)->outcome) : "");
    out += "\n";
  }
  return out;
}

}  // namespace liaison::check
