// The self-contained HTML report: a matrix of programs × checks, then a
// section per check that did not pass, with its hint and its transcript.
#include <fmt/format.h>

#include <algorithm>

#include "check/render.hpp"

namespace liaison::check {
namespace {

std::string escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

constexpr std::string_view style =
    "body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:center}td.p{text-align:left}"
    ".passed{background:#d4f4d4}.failed,.crashed{background:#f8d0d0}.timeout{background:#f8e4c0}"
    ".info{background:#d8e8f8}.skipped{color:#888}pre{background:#f4f4f4;padding:.6em;overflow-x:auto}";

std::string anchor(std::size_t program, std::string_view id) {
  std::string name = fmt::format("p{}-", program);
  for (const char c : id) name += c == '/' ? '-' : c;
  return name;
}

std::string matrix(const std::vector<ProgramReport>& reports, core::Lang lang) {
  std::vector<std::string> ids;
  for (const auto& report : reports)
    for (const auto& check : report.checks)
      if (std::ranges::find(ids, check.id) == ids.end()) ids.push_back(check.id);
  std::string out = fmt::format("<table><tr><th>{}</th>", lang == core::Lang::en ? "program" : "programme");
  for (const auto& id : ids) out += "<th>" + escape(id) + "</th>";
  out += "<th>score</th></tr>\n";
  for (std::size_t p = 0; p < reports.size(); ++p) {
    out += "<tr><td class=p>" + escape(reports[p].program) + "</td>";
    for (const auto& id : ids) {
      const auto found = std::ranges::find_if(reports[p].checks, [&](const auto& c) { return c.id == id; });
      if (found == reports[p].checks.end()) {
        out += "<td></td>";
        continue;
      }
      out += fmt::format("<td class={0}><a href=\"#{1}\">{0}</a></td>", outcome_name(found->outcome), anchor(p, id));
    }
    out += "<td>" + escape(reports[p].score()) + "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string section(const CheckResult& check, std::size_t program, core::Lang lang) {
  const bool fr = lang == core::Lang::fr;
  std::string out = fmt::format("<h3 id=\"{}\" class={}>{} — {} ({})</h3>\n<p>{}</p>\n", anchor(program, check.id),
                                outcome_name(check.outcome), escape(check.id), escape(check.name),
                                outcome_name(check.outcome), escape(check.summary));
  if (!check.expected.empty())
    out += fmt::format("<p><b>{}</b> {}</p>\n", fr ? "Attendu :" : "Expected:", escape(check.expected));
  if (!check.actual.empty())
    out += fmt::format("<p><b>{}</b> {}</p>\n", fr ? "Obtenu :" : "Actual:", escape(check.actual));
  if (!check.hint.empty()) out += fmt::format("<p><b>{}</b> {}</p>\n", fr ? "Conseil :" : "Hint:", escape(check.hint));
  std::string wire;
  for (const auto& line : transcript_lines(check, lang)) wire += escape(line) + "\n";
  if (!wire.empty()) out += "<pre>" + wire + "</pre>\n";
  std::string output;
  for (const auto& line : check.output) output += escape(line) + "\n";
  if (!output.empty()) out += "<pre>" + output + "</pre>\n";
  return out;
}

}  // namespace

std::string render_html(const std::vector<ProgramReport>& reports, core::Lang lang) {
  std::string out =
      fmt::format("<!doctype html><html lang={}><meta charset=utf-8><title>liaison check</title><style>{}</style>\n",
                  lang == core::Lang::en ? "en" : "fr", style);
  out += "<h1>liaison check</h1>\n" + matrix(reports, lang);
  for (std::size_t p = 0; p < reports.size(); ++p) {
    out += "<h2>" + escape(reports[p].program) + " — " + escape(reports[p].score()) + "</h2>\n";
    if (!reports[p].error.empty()) out += "<p>" + escape(reports[p].error) + "</p>\n";
    for (const auto& check : reports[p].checks)
      if (check.outcome != Outcome::passed) out += section(check, p, lang);
  }
  return out + "</html>\n";
}

}  // namespace liaison::check
