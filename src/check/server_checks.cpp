#include "check/server_checks.hpp"

#include <optional>

#include "check/runner.hpp"
#include "check/server_game.hpp"
#include "check/server_probes.hpp"

namespace liaison::check {
namespace {

namespace asio = asio;

// The server under check: started again whenever it died, so one crash
// fails one check, not all the ones after it.
class ServerUnderCheck {
 public:
  ServerUnderCheck(const ServerTarget& target, core::Lang lang, Timing timing)
      : target_(target), context_{io_.get_executor(), {}, lang, timing, nullptr} {
    context_.endpoint = {asio::ip::make_address(target.host), target.port};
  }
  ~ServerUnderCheck() { stop(); }

  CheckResult run(const CheckInfo& info) {
    // A server that died is started again, but for the check that asks
    // whether it is still there.
    const bool dead = !context_.child || (context_.child->poll_exit() && info.id != "serveur/toujours-la");
    if (!target_.program.argv.empty() && dead) start();
    CheckResult result = run_to_end(io_, run_server_check(info.id, context_, game_));
    return with_crash(std::move(result));
  }

 private:
  void start() {
    if (context_.child) context_.child->stop();
    std::string error;
    context_.child = Child::start(io_.get_executor(), target_.program.argv, false, target_.program.limits, error);
    if (context_.child) run_to_end(io_, wait_listening(context_));
  }

  // A check that failed while the program died is a crash, with its traceback.
  CheckResult with_crash(CheckResult result) {
    const auto& child = context_.child;
    if (!child || result.outcome == Outcome::passed || result.outcome == Outcome::info) return result;
    // A program that printed its traceback is about to end: give it a moment.
    run_to_end(io_,
               child->wait_until([&] { return child->exit_status().has_value(); }, std::chrono::milliseconds(300)));
    const auto status = child->exit_status();
    if (status) run_to_end(io_, child->output_read(std::chrono::milliseconds(300)));  // its traceback, all of it
    const bool traceback = has_traceback(child->output());
    if (status || traceback) result.output = child->last_lines(12);
    if (status && *status != 0) {
      result.outcome = Outcome::crashed;
      result.actual =
          trf(context_.lang, "le programme s'est terminé (statut {})", "the program ended (status {})", *status);
    }
    return result;
  }

  void stop() {
    if (!context_.child) return;
    context_.child->stop();
    context_.child.reset();
    io_.run();  // its reader and reaper end
  }

  ServerTarget target_;
  asio::io_context io_;
  ServerContext context_;
  std::optional<ServerGame> game_;
};

}  // namespace

ProgramReport check_server(const ServerTarget& target, const Selection& selection, core::Lang lang, Timing timing) {
  ProgramReport report;
  report.program = target.program.argv.empty() ? target.host + ":" + std::to_string(target.port)
                                               : fmt::format("{}", fmt::join(target.program.argv, " "));
  ServerUnderCheck server(target, lang, timing);
  run_checks(Role::server, selection, lang, report, [&](const CheckInfo& info) { return server.run(info); });
  return report;
}

}  // namespace liaison::check
