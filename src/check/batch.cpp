#include "check/batch.hpp"

#include <fcntl.h>
#include <glob.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <thread>

namespace liaison::check {
namespace {

struct Captured {
  int status = -1;
  std::string out;
};

// Runs argv with stdout on a pipe (stderr goes to ours) until it exits.
Captured capture(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);  // a batch stopped stops its checks
    dup2(fds[1], 1);
    execv(args[0], args.data());
    _exit(127);
  }
  close(fds[1]);
  Captured captured;
  char buffer[8192];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;)
    captured.out.append(buffer, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  if (pid > 0 && waitpid(pid, &status, 0) == pid) captured.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return captured;
}

ProgramReport run_one(const BatchJob& job) {
  const Captured captured = capture(job.argv);
  ProgramReport report;
  boost::system::error_code error;
  const auto json = boost::json::parse(captured.out, error);
  if (!error) report = report_from_json(json);
  if (error || captured.status > 1)
    report.error = "liaison check: exit " + std::to_string(captured.status) + (error ? ", no report" : "");
  report.program = job.program;
  return report;
}

}  // namespace

std::vector<std::string> expand_glob(const std::string& pattern) {
  glob_t matches{};
  std::vector<std::string> paths;
  if (glob(pattern.c_str(), 0, nullptr, &matches) == 0)
    for (std::size_t i = 0; i < matches.gl_pathc; ++i) paths.emplace_back(matches.gl_pathv[i]);
  globfree(&matches);
  return paths;  // glob sorts them
}

std::vector<ProgramReport> run_batch(const std::vector<BatchJob>& jobs, int parallel) {
  std::vector<ProgramReport> reports(jobs.size());
  std::atomic<std::size_t> next{0};
  std::vector<std::jthread> workers;
  for (int i = 0; i < std::max(parallel, 1); ++i)
    workers.emplace_back([&] {
      for (std::size_t job = next++; job < jobs.size(); job = next++) reports[job] = run_one(jobs[job]);
    });
  workers.clear();  // joins
  return reports;
}

}  // namespace liaison::check
