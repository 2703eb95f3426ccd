// The reports a person reads, all rendered from ProgramReport (itself read
// back from JSON in a batch): the terminal's ✓ ✗ ! list, the batch's table,
// the gradebook's CSV and the self-contained HTML page.
#pragma once

#include <string>
#include <vector>

#include "check/report.hpp"

namespace liaison::check {

std::string render_text(const ProgramReport& report, core::Lang lang);
std::string render_table(const std::vector<ProgramReport>& reports, core::Lang lang);
std::string render_csv(const std::vector<ProgramReport>& reports);
std::string render_html(const std::vector<ProgramReport>& reports, core::Lang lang);

}  // namespace liaison::check
