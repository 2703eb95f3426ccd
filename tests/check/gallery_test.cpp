// `liaison check` through the real binary against the gallery of
// student-like programs (tests/check/gallery): every check's outcome is
// asserted on each, from the --json report. Each program is one test, so
// ctest runs them side by side; each uses a free port ({port}).
#include <cstdlib>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace liaison::testing {
namespace {

using Outcomes = std::map<std::string, std::string>;

const std::string gallery = GALLERY_DIR;
// The interpreter python3 is (not a version manager's shim: see CMakeLists.txt).
const std::string python = GALLERY_PYTHON;

struct Checked {
  int exit_code = -1;
  boost::json::value report;
  Outcomes outcomes;
};

// `liaison check ROLE --json --port 0 EXTRA... -- COMMAND...`, its report read.
Checked check_command(const std::string& role, const std::vector<std::string>& extra,
                      const std::vector<std::string>& command) {
  // The servers' secrets, fixed: with a random one, bisection on a secret
  // such as 1 or 25 never hears "plus"/"higher", which the tests look for.
  ::setenv("GALLERY_SEED", "liaison", 1);  // passed on through liaison check to the program
  std::vector<std::string> args{"check", role, "--json", "--port", "0"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back("--");
  args.insert(args.end(), command.begin(), command.end());
  const Finished finished = run_liaison(args, 90s);
  Checked checked{finished.exit_code, {}, {}};
  checked.report = boost::json::parse(finished.out);
  for (const auto& c : checked.report.at("checks").as_array())
    checked.outcomes[std::string(c.at("id").as_string())] = std::string(c.at("outcome").as_string());
  return checked;
}

Checked check(const std::string& role, const std::string& program, const std::vector<std::string>& extra = {}) {
  return check_command(role, extra, {python, gallery + "/" + program, "{port}"});
}

// Every server check passed, but those named in `differ`.
Outcomes server_expected(Outcomes differ) {
  Outcomes all{{"serveur/ecoute", "passed"},
               {"serveur/parle-en-premier", "passed"},
               {"serveur/une-reponse", "passed"},
               {"serveur/comprehensible", "passed"},
               {"serveur/coherent", "passed"},
               {"serveur/partie", "passed"},
               {"serveur/fin", "passed"},
               {"serveur/toujours-la", "passed"},
               {"serveur/entrees-inattendues", "passed"},
               {"serveur/deux-clients", "passed"}};
  for (const auto& [id, outcome] : differ) all[id] = outcome;
  return all;
}

Outcomes client_expected(Outcomes differ) {
  Outcomes all{{"client/premier-message", "passed"},
               {"client/sans-serveur", "passed"},
               {"client/un-message-par-ligne", "passed"},
               {"client/affiche-reponses", "passed"},
               {"client/partie", "passed"},
               {"client/fin-serveur", "passed"},
               {"client/fin-apres-message", "passed"},
               {"client/fin-tapee", "passed"},
               {"client/fermeture-sans-fin", "passed"}};
  for (const auto& [id, outcome] : differ) all[id] = outcome;
  return all;
}

std::string summary_of(const Checked& checked, const std::string& id) {
  for (const auto& c : checked.report.at("checks").as_array())
    if (c.at("id").as_string() == id) return std::string(c.at("summary").as_string());
  return {};
}

// `checked` is evaluated once: the report printed is the one that failed.
#define EXPECT_OUTCOMES(checked, expected)                                          \
  do {                                                                              \
    const Checked& checked_once = (checked);                                        \
    EXPECT_EQ(checked_once.outcomes, (expected)) << boost::json::serialize(checked_once.report); \
  } while (false)

TEST(CheckServer, TheLessonsServerGrownIntoTheGamePasses) {
  const auto checked = check("server", "server_ok.py");
  EXPECT_OUTCOMES(checked, server_expected({{"serveur/deux-clients", "info"}}));
  EXPECT_EQ(checked.exit_code, 0);
  EXPECT_NE(summary_of(checked, "serveur/comprehensible").find("→ plus"), std::string::npos);
}

TEST(CheckServer, AThreadedLineServerWithOtherWordsPasses) {
  const auto checked = check("server", "server_threads_lines.py");
  EXPECT_OUTCOMES(checked, server_expected({}));
  EXPECT_NE(summary_of(checked, "serveur/parle-en-premier").find("1 à 50"), std::string::npos);
  EXPECT_NE(summary_of(checked, "serveur/une-reponse").find("\\n"), std::string::npos);
}

// The parent back in accept() says nothing of the child at work: the checker
// watches the whole process group, and waits while the child thinks.
TEST(CheckServer, AServerThatForksForEachClientPasses) {
  EXPECT_OUTCOMES(check("server", "server_fork.py"), server_expected({}));
}

TEST(CheckServer, AnEnglishServerThatReplaysPasses) {
  const auto checked = check("server", "server_replay_en.py", {"--lang", "en"});
  EXPECT_OUTCOMES(checked, server_expected({{"serveur/deux-clients", "info"}}));
  EXPECT_NE(summary_of(checked, "serveur/comprehensible").find("→ higher"), std::string::npos);
}

TEST(CheckServer, AServerThatWaitsForTheClientFailsToSpeakFirst) {
  const auto checked = check("server", "server_waits.py");
  Outcomes expected = server_expected({{"serveur/parle-en-premier", "failed"}});
  for (auto& [id, outcome] : expected)
    if (id != "serveur/ecoute" && id != "serveur/parle-en-premier") outcome = "skipped";
  EXPECT_OUTCOMES(checked, expected);
  EXPECT_EQ(checked.exit_code, 1);
}

TEST(CheckServer, AServerThatNeverSendsFinFailsTheFinCheck) {
  EXPECT_OUTCOMES(check("server", "server_no_fin.py"),
                  server_expected({{"serveur/fin", "failed"}, {"serveur/deux-clients", "info"}}));
}

TEST(CheckServer, SwappedPlusAndMoinsAreInconsistent) {
  EXPECT_OUTCOMES(check("server", "server_swapped.py"), server_expected({{"serveur/coherent", "failed"},
                                                                         {"serveur/partie", "skipped"},
                                                                         {"serveur/deux-clients", "info"}}));
}

TEST(CheckServer, ACrashOnBonjourIsReportedWithItsTraceback) {
  const auto checked = check("server", "server_crash_bonjour.py");
  EXPECT_OUTCOMES(checked,
                  server_expected({{"serveur/entrees-inattendues", "crashed"}, {"serveur/deux-clients", "info"}}));
  const auto report = boost::json::serialize(checked.report);
  EXPECT_NE(report.find("ValueError"), std::string::npos);
  EXPECT_NE(report.find("bonjour"), std::string::npos);
}

TEST(CheckServer, TwoSendsInARowAreFlagged) {
  EXPECT_OUTCOMES(check("server", "server_two_sends.py"),
                  server_expected({{"serveur/une-reponse", "failed"}, {"serveur/deux-clients", "info"}}));
}

// Two send()s with no pause mostly arrive in one read: the glued messages
// are seen in it (otherwise the two arrivals are); either way, one reply
// per message is what failed.
TEST(CheckServer, TwoSendsGluedInOneReadAreFlagged) {
  const auto checked = check("server", "server_glued.py");
  EXPECT_OUTCOMES(checked, server_expected({{"serveur/une-reponse", "failed"}, {"serveur/deux-clients", "info"}}));
  const std::string summary = summary_of(checked, "serveur/une-reponse");
  EXPECT_TRUE(summary.find("collés") != std::string::npos || summary.find("envois") != std::string::npos) << summary;
}

// A server that sends without end must not hold the checker: every message
// it reads is capped, and the check ends with verdicts.
TEST(CheckServer, AFloodingServerNeverHoldsTheChecker) {
  const auto checked = check("server", "server_flood.py");
  EXPECT_EQ(checked.exit_code, 1);
  EXPECT_EQ(checked.outcomes.at("serveur/ecoute"), "passed");
  EXPECT_EQ(checked.outcomes.at("serveur/une-reponse"), "failed");
  EXPECT_EQ(checked.outcomes.size(), 10U);
}

TEST(CheckClient, TheLessonsClientGrownIntoTheGamePasses) {
  const auto checked = check("client", "client_lesson_game.py");
  EXPECT_OUTCOMES(checked, client_expected({}));
  EXPECT_EQ(checked.exit_code, 0);
  EXPECT_NE(summary_of(checked, "client/un-message-par-ligne").find("brut"), std::string::npos);
}

// A program a shell starts (and waits for), as a version manager's shim
// does: what its child does counts, not the shell's waiting.
TEST(CheckClient, AProgramAShellStartsIsWatchedWhole) {
  const std::string script = python + " \"$0\" \"$1\"; exit $?";
  const auto checked = check_command("client", {}, {"sh", "-c", script, gallery + "/client_lesson_game.py", "{port}"});
  EXPECT_OUTCOMES(checked, client_expected({}));
}

TEST(CheckClient, AnAutomaticClientIsRecognised) {
  const auto checked = check("client", "client_auto.py");
  EXPECT_OUTCOMES(checked, client_expected({{"client/fin-tapee", "info"}}));
  EXPECT_NE(summary_of(checked, "client/partie").find("automatique"), std::string::npos);
}

TEST(CheckClient, ALineClientPassesAndIsSaidToSendLines) {
  const auto checked = check("client", "client_lines.py");
  EXPECT_OUTCOMES(checked, client_expected({}));
  EXPECT_NE(summary_of(checked, "client/un-message-par-ligne").find("ligne"), std::string::npos);
}

TEST(CheckClient, TheLessonsOwnClientLoopsWhenTheServerClosesWithoutFin) {
  EXPECT_OUTCOMES(check("client", "client_lesson_as_is.py"),
                  client_expected({{"client/fermeture-sans-fin", "failed"}}));
}

TEST(CheckClient, AClientThatPrintsNothingFailsFirst) {
  EXPECT_OUTCOMES(check("client", "client_silent.py"), client_expected({{"client/premier-message", "failed"},
                                                                        {"client/sans-serveur", "crashed"},
                                                                        {"client/un-message-par-ligne", "skipped"},
                                                                        {"client/affiche-reponses", "skipped"},
                                                                        {"client/partie", "skipped"},
                                                                        {"client/fin-serveur", "skipped"},
                                                                        {"client/fin-apres-message", "skipped"},
                                                                        {"client/fin-tapee", "skipped"},
                                                                        {"client/fermeture-sans-fin", "skipped"}}));
}

TEST(CheckClient, AClientThatNeverEndsFailsEveryEnding) {
  EXPECT_OUTCOMES(check("client", "client_never_ends.py"), client_expected({{"client/sans-serveur", "crashed"},
                                                                            {"client/fin-serveur", "failed"},
                                                                            {"client/fin-apres-message", "skipped"},
                                                                            {"client/fin-tapee", "failed"},
                                                                            {"client/fermeture-sans-fin", "failed"}}));
}

TEST(CheckClient, TwoRecvsPerTurnWaitForAMessageThatNeverComes) {
  EXPECT_OUTCOMES(check("client", "client_two_recv.py"), client_expected({{"client/sans-serveur", "crashed"},
                                                                          {"client/affiche-reponses", "timeout"},
                                                                          {"client/partie", "timeout"},
                                                                          {"client/fin-serveur", "failed"},
                                                                          {"client/fin-apres-message", "skipped"},
                                                                          {"client/fin-tapee", "failed"},
                                                                          {"client/fermeture-sans-fin", "failed"}}));
}

TEST(CheckClient, NewlineTerminatedLinesAreAcceptedButATracebackWithoutServerIsNot) {
  const auto checked = check("client", "client_newline_no_try.py");
  EXPECT_OUTCOMES(checked, client_expected({{"client/sans-serveur", "crashed"}}));
  EXPECT_NE(boost::json::serialize(checked.report).find("ConnectionRefusedError"), std::string::npos);
}

// A teacher's batch: three submissions (a correct one, the lesson's client,
// one that prints nothing), two at a time, one table, a CSV and HTML reports.
TEST(CheckBatch, EverySubmissionGetsARowAScoreAndAReport) {
  TempDir dir;
  for (const auto* name : {"alice", "bob", "carla"}) std::filesystem::create_directories(dir / name);
  std::filesystem::copy_file(gallery + "/client_lesson_game.py", dir / "alice/client.py");
  std::filesystem::copy_file(gallery + "/client_lesson_as_is.py", dir / "bob/client.py");
  std::filesystem::copy_file(gallery + "/client_silent.py", dir / "carla/client.py");
  const std::string each = (dir / "*/client.py").string();
  const std::string csv = (dir / "notes.csv").string();
  const Finished table = run_liaison({"check", "client", "--each", each, "-j", "2", "--port", "0", "--csv", csv,
                                      "--report-dir", (dir / "rapports").string(), "--", python, "{}", "{port}"},
                                     100s);
  EXPECT_EQ(table.exit_code, 1) << table.err;
  EXPECT_NE(table.out.find("alice/client.py"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("9/9"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("8/9"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("0/2"), std::string::npos) << table.out;
  std::ifstream notes(csv);
  const std::string text((std::istreambuf_iterator<char>(notes)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("bob/client.py\",\"8/9\""), std::string::npos) << text;
  EXPECT_TRUE(std::filesystem::exists(dir / "rapports/index.html"));
  std::size_t pages = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "rapports"))
    pages += entry.path().extension() == ".html";
  EXPECT_EQ(pages, 4U);
}

TEST(CheckUsage, ListsTheChecksAndRefusesWhatItCannotDo) {
  const Finished list = run_liaison({"check", "server", "--list"});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("serveur/entrees-inattendues"), std::string::npos);
  EXPECT_EQ(run_liaison({"check", "client", "--", "no-such-command-here"}).exit_code, 2);
  const Server taken({});  // a port somebody else's server holds
  const Finished refused = run_liaison(
      {"check", "client", "--port", std::to_string(taken.port()), "--", python, gallery + "/client_lesson_game.py"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("taken"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace liaison::testing
