#include "support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <thread>
#include <utility>

#include "support/text_scan.hpp"

namespace liaison::testing {
namespace {

void make_pipe(int fds[2]) {
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
}

}  // namespace

std::string liaison_binary() { return LIAISON_BINARY; }

Process::Process(std::string program, std::vector<std::string> args) {
  int in[2], out[2], err[2];
  make_pipe(in);
  make_pipe(out);
  make_pipe(err);
  std::vector<char*> argv;
  argv.push_back(program.data());
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  stdin_ = in[1];
  stdout_fd_ = out[0];
  stderr_fd_ = err[0];
}

Process::~Process() {
  if (exit_code_ < 0 && pid_ > 0) {
    ::kill(pid_, SIGTERM);
    if (wait(3s) < 0) {
      ::kill(pid_, SIGKILL);
      wait(3s);
    }
  }
  for (int fd : {stdin_, stdout_fd_, stderr_fd_})
    if (fd >= 0) ::close(fd);
}

void Process::write_stdin(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(stdin_, bytes.data(), bytes.size());
    if (n <= 0) throw std::runtime_error("write to child stdin failed");
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void Process::close_stdin() {
  if (stdin_ >= 0) ::close(stdin_);
  stdin_ = -1;
}

void Process::pump(int fd, std::string& into, std::chrono::milliseconds timeout) {
  pollfd p{.fd = fd, .events = POLLIN, .revents = 0};
  if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return;
  char buffer[4096];
  const ssize_t n = ::read(fd, buffer, sizeof buffer);
  if (n > 0) into.append(buffer, static_cast<std::size_t>(n));
}

std::string Process::read_stdout_until(std::string_view needle, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (stdout_.find(needle) == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left <= 0ms) break;
    const std::size_t before = stdout_.size();
    pump(stdout_fd_, stdout_, std::min(left, 100ms));
    if (stdout_.size() == before && wait(0ms) >= 0) break;  // exited, nothing more
  }
  return stdout_;
}

std::string Process::stderr_text() {
  for (;;) {
    const std::size_t before = stderr_.size();
    pump(stderr_fd_, stderr_, 0ms);
    if (stderr_.size() == before) return stderr_;
  }
}

bool Process::wait_for_stderr(std::string_view needle, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (stderr_.find(needle) == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left <= 0ms) return false;
    pump(stderr_fd_, stderr_, std::min(left, 100ms));
  }
  return true;
}

void Process::signal(int signal_number) {
  if (exit_code_ < 0) ::kill(pid_, signal_number);
}

int Process::wait(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (exit_code_ < 0) {
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      break;
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(5ms);
  }
  return exit_code_;
}

Finished run_liaison(std::vector<std::string> args, std::chrono::milliseconds timeout) {
  Process process(liaison_binary(), std::move(args));
  process.close_stdin();
  Finished finished;
  finished.out = process.read_stdout_until(std::string_view("\0", 1), timeout);  // never printed: reads to the exit
  finished.exit_code = process.wait(timeout);
  finished.err = process.stderr_text();
  return finished;
}

Server::Server(std::vector<std::string> args) : process_(liaison_binary(), [&] {
  std::vector<std::string> all{"serve", "--port", "0"};
  all.insert(all.end(), args.begin(), args.end());
  return all;
}()) {
  const std::string out = process_.read_stdout_until("\n", 10s);
  const auto port = number_after(out, ":", ",");
  if (!port) throw std::runtime_error("server did not print its address: " + out + process_.stderr_text());
  port_ = static_cast<std::uint16_t>(*port);
}

}  // namespace liaison::testing
