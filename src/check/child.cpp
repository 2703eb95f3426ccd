#include "check/child.hpp"

#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <fstream>
#include <sstream>

#include "check/program_state.hpp"

namespace liaison::check {
namespace {

namespace asio = asio;

void limit(int resource, rlim_t value) {
  const rlimit limits{value, value};
  setrlimit(resource, &limits);
}

// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void exec_sandboxed(const std::filesystem::path& dir, std::vector<char*>& argv, const Limits& limits) {
  setpgid(0, 0);  // a no-op after forkpty's setsid, needed after a plain fork
  // Should liaison itself be killed, its program goes too (its group is
  // killed by liaison's own exit path; this covers SIGKILL).
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (chdir(dir.c_str()) != 0) _exit(126);
  limit(RLIMIT_CPU, static_cast<rlim_t>(limits.cpu.count()));
  limit(RLIMIT_AS, limits.memory_bytes);
  limit(RLIMIT_FSIZE, 64 << 20);
  limit(RLIMIT_CORE, 0);
  execvp(argv[0], argv.data());
  _exit(127);
}

// A plain fork with stdin on /dev/null and stdout + stderr on one pipe.
pid_t fork_with_pipe(int& read_end, const std::filesystem::path& dir, std::vector<char*>& argv, const Limits& limits) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return -1;
  const int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(null, 0);
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    exec_sandboxed(dir, argv, limits);
  }
  close(fds[1]);
  close(null);
  read_end = fds[0];
  return pid;
}

std::filesystem::path make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "liaison-check-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return {};
  return pattern;
}

// The groups alive now, for the signal handler (lock-free, async-signal-safe).
std::array<std::atomic<pid_t>, 64> live_groups{};

void remember_group(pid_t pid) {
  for (auto& slot : live_groups) {
    pid_t empty = 0;
    if (slot.compare_exchange_strong(empty, pid)) return;
  }
}

void forget_group(pid_t pid) {
  for (auto& slot : live_groups) {
    pid_t expected = pid;
    if (slot.compare_exchange_strong(expected, 0)) return;
  }
}

extern "C" void kill_groups_and_die(int signal_number) {
  for (auto& slot : live_groups)
    if (const pid_t pid = slot.load(); pid > 0) ::kill(-pid, SIGKILL);
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

}  // namespace

void kill_children_on_signal() {
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) ::signal(signal_number, kill_groups_and_die);
}

std::shared_ptr<Child> Child::start(asio::any_io_executor executor, const std::vector<std::string>& argv, bool terminal,
                                    const Limits& limits, std::string& error) {
  auto dir = make_temp_dir();
  if (dir.empty() || argv.empty()) {
    error = "temporary directory";
    return nullptr;
  }
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  int fd = -1;
  winsize size{.ws_row = 40, .ws_col = 200, .ws_xpixel = 0, .ws_ypixel = 0};
  const pid_t pid = terminal ? forkpty(&fd, nullptr, nullptr, &size) : fork_with_pipe(fd, dir, args, limits);
  if (pid == 0) exec_sandboxed(dir, args, limits);
  if (pid < 0) {
    error = "fork";
    std::filesystem::remove_all(dir);
    return nullptr;
  }
  remember_group(pid);
  std::shared_ptr<Child> child(new Child(executor, pid, fd, limits, std::move(dir)));
  asio::co_spawn(executor, child->read_output(), asio::detached);
  asio::co_spawn(executor, child->reap(), asio::detached);
  return child;
}

Child::Child(asio::any_io_executor executor, pid_t pid, int fd, Limits limits, std::filesystem::path dir)
    : pid_(pid), output_fd_(executor, fd), changed_(executor), limits_(limits), dir_(std::move(dir)) {}

Child::~Child() {
  kill_group();
  if (!reaped_) waitpid(pid_, nullptr, 0);  // SIGKILL was sent: this returns at once
  forget_group(pid_);
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void Child::kill_group() {
  // The group outlives its leader: grandchildren a program forked are killed too.
  ::kill(-pid_, SIGKILL);
  if (!reaped_) ::kill(pid_, SIGKILL);
}

void Child::stop() {
  kill_group();
  error_code ignored;
  output_fd_.close(ignored);
}

void Child::type(const std::string& text) {
  typed_sleeps_ = sleeps_now();
  gave_input();
  error_code ignored;
  asio::write(output_fd_, asio::buffer(text), ignored);
}

long Child::sleeps_now() const {
  const auto state = read_program_state(pid_, group_);
  return state ? state->sleeps : -1;
}

// A thread woken by what we sent or typed shows as running, then sleeps
// again (one more sleep); the same sleeping state for `settle` means nobody
// is at work. The settle also covers bytes it sent just before sleeping that
// loopback has not delivered yet. Before saying so, its process group is
// looked for processes not known yet (a server forks for each client: the
// parent back in accept() says nothing of the child at work).
bool Child::waits_on_us() {
  constexpr auto settle = std::chrono::milliseconds(40);
  if (status_) return false;
  const auto state = read_program_state(pid_, group_);
  const auto now = Clock::now();
  if (!state || !state->all_waiting) {
    waiting_sleeps_.reset();
    return false;
  }
  if (waiting_sleeps_ != state->sleeps) {
    waiting_sleeps_ = state->sleeps;
    waiting_since_ = now;
    return false;
  }
  if (typed_sleeps_ == state->sleeps) return false;  // the line typed is not taken yet
  if (now - waiting_since_ < settle) return false;
  if (auto group = group_members(pid_); group != group_) {
    group_ = std::move(group);
    waiting_sleeps_.reset();  // seen anew, with them
    return false;
  }
  return true;
}

namespace {

// "0 0x0 ...": read(0, ...), its standard input (a terminal: the keyboard).
bool reads_standard_input(pid_t pid) {
  std::ifstream syscall("/proc/" + std::to_string(pid) + "/syscall");
  long number = -1;
  std::string fd;
  return syscall >> number >> fd && number == 0 && fd == "0x0";
}

}  // namespace

// The program itself, or a process it started (a shell's child: its group
// as waits_on_us() last saw it).
bool Child::waits_for_input() const {
  return reads_standard_input(pid_) || std::ranges::any_of(group_, reads_standard_input);
}

std::vector<std::string> Child::last_lines(std::size_t count) const {
  std::vector<std::string> lines;
  std::istringstream stream(output_);
  for (std::string line; std::getline(stream, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  if (lines.size() > count) lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(count));
  return lines;
}

void Child::keep(std::string_view bytes) {
  output_ += bytes;
  output_total_ += bytes.size();
  // A print loop must not fill memory: only the last bytes are kept.
  if (output_.size() > limits_.output_cap) output_.erase(0, output_.size() - limits_.output_cap);
  last_output_ = Clock::now();
  changed();
}

asio::awaitable<void> Child::read_output() {
  auto self = shared_from_this();
  std::array<char, 4096> buffer{};
  for (;;) {
    const auto [error, n] = co_await output_fd_.async_read_some(asio::buffer(buffer), nothrow);
    if (error) break;  // EIO on a terminal once every holder of its other end has gone
    keep(std::string_view(buffer.data(), n));
  }
  output_closed_ = true;
  changed();
}

asio::awaitable<bool> Child::output_read(Clock::duration timeout) {
  using namespace asio::experimental::awaitable_operators;
  const auto deadline = Clock::now() + timeout;
  auto self = shared_from_this();
  while (!output_closed_ && Clock::now() < deadline) {
    asio::steady_timer timer(changed_.get_executor(), deadline);
    changed_.expires_at(Clock::time_point::max());
    co_await (changed_.async_wait(nothrow) || timer.async_wait(nothrow));
  }
  co_return output_closed_;
}

bool Child::try_reap() {
  int status = 0;
  if (reaped_ || waitpid(pid_, &status, WNOHANG) != pid_) return reaped_;
  reaped_ = true;
  status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  changed();
  return true;
}

std::optional<int> Child::poll_exit() {
  try_reap();
  return status_;
}

// SIGCHLD would need one handler for every child of the process: a 20 ms
// round is simpler, and no wait of a check is shorter than that.
asio::awaitable<void> Child::reap() {
  auto self = shared_from_this();
  asio::steady_timer timer(output_fd_.get_executor());
  while (!try_reap()) {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(nothrow);
  }
}

}  // namespace liaison::check
