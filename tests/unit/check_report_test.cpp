// liaison check's reports (pure): outcomes, scores, JSON as the one source,
// its round trip in a batch, and the table, CSV and HTML rendered from it;
// which checks run, and a check whose dependency failed is not run.
#include <gtest/gtest.h>

#include "check/render.hpp"
#include "check/report.hpp"
#include "check/selection.hpp"

namespace liaison::check {
namespace {

ProgramReport sample() {
  ProgramReport report;
  report.program = "rendus/bob/client.py";
  CheckResult passed;
  passed.id = "client/premier-message";
  passed.name = "affiche le premier message du serveur";
  passed.summary = "affiché";
  CheckResult failed;
  failed.id = "client/fermeture-sans-fin";
  failed.name = "s'arrête si le serveur ferme sans FIN";
  failed.outcome = Outcome::failed;
  failed.summary = "toujours en marche";
  failed.hint = "recv renvoie b''";
  failed.transcript = {{core::WireDirection::sent, 0, "Bienvenue\n"}, {core::WireDirection::received, 5, "50"}};
  failed.output = {"moi > <script>"};
  CheckResult info;
  info.id = "client/fin-tapee";
  info.outcome = Outcome::info;
  report.checks = {passed, failed, info};
  return report;
}

TEST(CheckReport, ScoresCountNeitherInfoNorSkipped) {
  const auto report = sample();
  EXPECT_EQ(report.score(), "1/2");
  EXPECT_FALSE(report.all_passed());
}

TEST(CheckReport, OutcomesHaveStableNames) {
  for (const auto outcome :
       {Outcome::passed, Outcome::failed, Outcome::timeout, Outcome::crashed, Outcome::skipped, Outcome::info})
    EXPECT_EQ(outcome_from_name(outcome_name(outcome)), outcome);
  EXPECT_FALSE(outcome_from_name("bravo"));
}

TEST(CheckReport, JsonKeepsEverythingABatchNeeds) {
  const auto json = to_json(sample(), core::Lang::fr);
  EXPECT_EQ(json.at("score").as_string(), "1/2");
  const auto& failed = json.at("checks").at(1);
  EXPECT_EQ(failed.at("outcome").as_string(), "failed");
  EXPECT_EQ(failed.at("transcript").at(0).at("text").as_string(), "Bienvenue\\n");
  EXPECT_EQ(failed.at("transcript").at(0).at("bytes").as_uint64(), 10U);
  EXPECT_EQ(failed.at("transcript").at(1).at("direction").as_string(), "received");

  const auto back = report_from_json(json);
  EXPECT_EQ(back.program, "rendus/bob/client.py");
  EXPECT_EQ(back.score(), "1/2");
  ASSERT_EQ(back.checks.size(), 3U);
  EXPECT_EQ(back.checks[1].hint, "recv renvoie b''");
  EXPECT_EQ(transcript_lines(back.checks[1], core::Lang::fr), transcript_lines(sample().checks[1], core::Lang::fr));
}

TEST(CheckReport, ReadsNoReportFromGarbage) {
  EXPECT_TRUE(report_from_json(boost::json::parse("[1, 2]")).checks.empty());
  EXPECT_TRUE(report_from_json(boost::json::parse(R"({"checks": [3, {"outcome": 4}]})")).checks.size() == 1);
}

TEST(CheckRender, TableCsvAndHtmlComeFromTheReports) {
  const std::vector<ProgramReport> reports{sample()};
  EXPECT_NE(render_table(reports, core::Lang::fr).find("rendus/bob/client.py  ✓  ✗  !  1/2"), std::string::npos)
      << render_table(reports, core::Lang::fr);
  EXPECT_NE(render_csv(reports).find("\"rendus/bob/client.py\",\"1/2\",1,2,passed,failed,info"), std::string::npos)
      << render_csv(reports);
  const std::string html = render_html(reports, core::Lang::fr);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);  // a program's output is text, never markup
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("recv renvoie b''"), std::string::npos);
  EXPECT_NE(render_text(sample(), core::Lang::en).find("hint : recv renvoie b''"), std::string::npos);
}

TEST(CheckSelection, OnlySkipAndDependencies) {
  Selection selection{.only = {"client/"}, .skip = {"client/fin"}};
  EXPECT_TRUE(selection.wants("client/partie"));
  EXPECT_FALSE(selection.wants("client/fin-serveur"));
  EXPECT_FALSE(selection.wants("serveur/ecoute"));

  ProgramReport report;
  std::vector<std::string> ran;
  run_checks(Role::server, {.only = {"serveur/ecoute", "serveur/parle-en-premier", "serveur/une-reponse"}, .skip = {}},
             core::Lang::fr, report, [&](const CheckInfo& info) {
               ran.emplace_back(info.id);
               CheckResult result;
               result.outcome = info.id == "serveur/parle-en-premier" ? Outcome::failed : Outcome::passed;
               return result;
             });
  EXPECT_EQ(ran, (std::vector<std::string>{"serveur/ecoute", "serveur/parle-en-premier"}));
  ASSERT_EQ(report.checks.size(), 3U);
  EXPECT_EQ(report.checks[2].outcome, Outcome::skipped);
  EXPECT_FALSE(report.checks[1].hint.empty());  // a failure gets its hint
  EXPECT_TRUE(report.checks[0].hint.empty());
}

}  // namespace
}  // namespace liaison::check
