#include "check/report.hpp"

#include <algorithm>
#include <array>

namespace liaison::check {
namespace {

namespace json = boost::json;

constexpr std::array outcome_names{"passed", "failed", "timeout", "crashed", "skipped", "info"};

bool counts(const CheckResult& check) { return check.outcome != Outcome::info && check.outcome != Outcome::skipped; }

json::object message_json(const core::WireMessage& message, core::Lang lang) {
  return {{"direction", message.direction == core::WireDirection::sent ? "sent" : "received"},
          {"at_ms", message.at_ms},
          {"bytes", message.bytes.size()},
          {"text", core::show_invisible(message.bytes)},
          {"line", core::format_wire_message(message, lang)}};
}

json::object check_json(const CheckResult& check, core::Lang lang) {
  json::array transcript;
  for (const auto& message : check.transcript) transcript.push_back(message_json(message, lang));
  for (const auto& line : check.transcript_lines) transcript.push_back(json::object{{"line", line}});
  return {{"id", check.id},
          {"name", check.name},
          {"outcome", outcome_name(check.outcome)},
          {"summary", check.summary},
          {"expected", check.expected},
          {"actual", check.actual},
          {"hint", check.hint},
          {"transcript", std::move(transcript)},
          {"output", json::value_from(check.output)}};
}

std::string string_at(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

CheckResult check_from_json(const json::object& object) {
  CheckResult check;
  check.id = string_at(object, "id");
  check.name = string_at(object, "name");
  check.outcome = outcome_from_name(string_at(object, "outcome")).value_or(Outcome::failed);
  check.summary = string_at(object, "summary");
  check.expected = string_at(object, "expected");
  check.actual = string_at(object, "actual");
  check.hint = string_at(object, "hint");
  if (const auto* transcript = object.if_contains("transcript"); transcript && transcript->is_array())
    for (const auto& message : transcript->get_array())
      if (message.is_object()) check.transcript_lines.push_back(string_at(message.get_object(), "line"));
  if (const auto* output = object.if_contains("output"); output && output->is_array())
    for (const auto& line : output->get_array())
      if (line.is_string()) check.output.emplace_back(line.get_string());
  return check;
}

}  // namespace

std::string_view outcome_name(Outcome outcome) { return outcome_names.at(static_cast<std::size_t>(outcome)); }

std::optional<Outcome> outcome_from_name(std::string_view name) {
  const auto found = std::ranges::find(outcome_names, name);
  if (found == outcome_names.end()) return std::nullopt;
  return static_cast<Outcome>(found - outcome_names.begin());
}

std::vector<std::string> transcript_lines(const CheckResult& check, core::Lang lang) {
  std::vector<std::string> lines = check.transcript_lines;
  for (const auto& message : check.transcript) lines.push_back(core::format_wire_message(message, lang));
  return lines;
}

std::string ProgramReport::score() const { return std::to_string(passed()) + "/" + std::to_string(counted()); }

int ProgramReport::passed() const {
  return static_cast<int>(std::ranges::count_if(checks, [](const auto& c) { return c.outcome == Outcome::passed; }));
}

int ProgramReport::counted() const { return static_cast<int>(std::ranges::count_if(checks, counts)); }

boost::json::value to_json(const ProgramReport& report, core::Lang lang) {
  json::array checks;
  for (const auto& check : report.checks) checks.push_back(check_json(check, lang));
  json::object object{{"program", report.program},   {"score", report.score()},
                      {"passed", report.passed()},   {"counted", report.counted()},
                      {"checks", std::move(checks)}, {"notes", json::value_from(report.notes)}};
  if (!report.error.empty()) object["error"] = report.error;
  return object;
}

ProgramReport report_from_json(const boost::json::value& value) {
  ProgramReport report;
  if (!value.is_object()) return report;
  const auto& object = value.get_object();
  report.program = string_at(object, "program");
  report.error = string_at(object, "error");
  if (const auto* checks = object.if_contains("checks"); checks && checks->is_array())
    for (const auto& check : checks->get_array())
      if (check.is_object()) report.checks.push_back(check_from_json(check.get_object()));
  if (const auto* notes = object.if_contains("notes"); notes && notes->is_array())
    for (const auto& note : notes->get_array())
      if (note.is_string()) report.notes.emplace_back(note.get_string());
  return report;
}

}  // namespace liaison::check
