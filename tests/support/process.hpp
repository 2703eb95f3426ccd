// Test support: the real liaison binary (or any program) as a child process,
// with pipes to its stdin, stdout and stderr, stopped by PID.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace liaison::testing {

using namespace std::chrono_literals;

// Path of the liaison binary under test (set by CMake).
std::string liaison_binary();

class Process {
 public:
  // Starts `program` with `args`; stdin, stdout and stderr are pipes.
  Process(std::string program, std::vector<std::string> args);
  ~Process();  // SIGTERM, then SIGKILL after 3 s; always reaped
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }

  void write_stdin(std::string_view bytes);
  void close_stdin();

  // Reads stdout until `needle` appears (or the timeout / EOF); returns
  // everything read from stdout so far, and keeps it.
  std::string read_stdout_until(std::string_view needle, std::chrono::milliseconds timeout = 5s);
  std::string stdout_text() const { return stdout_; }
  // Everything on stderr so far (non-blocking).
  std::string stderr_text();
  // Reads stderr until `needle` appears (or the timeout); true when it did.
  bool wait_for_stderr(std::string_view needle, std::chrono::milliseconds timeout = 5s);

  void signal(int signal_number);
  // Exit code (128+N for signal N), or -1 when still running after `timeout`.
  int wait(std::chrono::milliseconds timeout = 5s);

 private:
  void pump(int fd, std::string& into, std::chrono::milliseconds timeout);

  pid_t pid_ = -1;
  int stdin_ = -1;
  int stdout_fd_ = -1;
  int stderr_fd_ = -1;
  std::string stdout_;
  std::string stderr_;
  int exit_code_ = -1;
};

// What one run of the binary printed, and how it ended.
struct Finished {
  int exit_code = -1;  // -1: still running after the timeout
  std::string out;
  std::string err;
};

// Runs `liaison <args>` with nothing on stdin until it exits (stdout is read
// meanwhile, so a long output never blocks it).
Finished run_liaison(std::vector<std::string> args, std::chrono::milliseconds timeout = 10s);

// `liaison serve --port 0 <args>`, started and ready: port() is where it listens.
class Server {
 public:
  explicit Server(std::vector<std::string> args);
  std::uint16_t port() const { return port_; }
  Process& process() { return process_; }

 private:
  Process process_;
  std::uint16_t port_ = 0;
};

}  // namespace liaison::testing
