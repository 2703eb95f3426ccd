// What a check says about one program: the outcome of each named check, its
// verdict, hint and the wire around it. The JSON form (to_json) is the one
// source the text, table, CSV and HTML reports are rendered from.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/wire_transcript.hpp"

namespace liaison::check {

// info: something worth knowing that is not a fault (a server that serves
// one client at a time). skipped: a check it depends on did not pass.
enum class Outcome { passed, failed, timeout, crashed, skipped, info };

std::string_view outcome_name(Outcome outcome);  // "passed", ... as in the JSON
std::optional<Outcome> outcome_from_name(std::string_view name);

struct CheckResult {
  std::string id;  // stable: "serveur/parle-en-premier"
  std::string name;
  Outcome outcome = Outcome::passed;
  std::string summary;   // one line of verdict
  std::string expected;  // for a failure
  std::string actual;
  std::string hint;
  std::vector<core::WireMessage> transcript;
  std::vector<std::string> output;  // the program's last lines (its traceback)
  // The transcript as lines already formatted, when read back from JSON
  // (the bytes themselves are not in the JSON: only their shown text).
  std::vector<std::string> transcript_lines;
};

// The transcript as the report prints it, one line per message.
std::vector<std::string> transcript_lines(const CheckResult& check, core::Lang lang);

struct ProgramReport {
  std::string program;
  std::vector<CheckResult> checks;
  std::vector<std::string> notes;  // how it was run ("namespace réseau privé", ...)
  std::string error;               // the tool itself could not run it

  // Passed checks out of the checks that count (info and skipped do not count
  // against it: "5/7").
  int passed() const;
  int counted() const;
  std::string score() const;  // "5/7"
  bool all_passed() const { return error.empty() && passed() == counted(); }
};

boost::json::value to_json(const ProgramReport& report, core::Lang lang);
ProgramReport report_from_json(const boost::json::value& json);

}  // namespace liaison::check
