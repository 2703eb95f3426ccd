#include "check/program_state.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace liaison::check {
namespace {

// How a waiting call says "no time limit" in its arguments.
enum class Limit {
  none,           // always waits for input (read, recv, accept, wait4...)
  int_negative,   // argument `arg` is an int timeout, negative = for ever (poll, epoll_wait)
  null_pointer,   // argument `arg` points to the timeout, null = for ever (select, ppoll)
  futex_wait,     // a futex wait (op in argument 1) with a null timeout (argument `arg`)
};

struct WaitingCall {
  long number;
  Limit limit;
  int arg = 0;  // from 0
};

#if defined(__x86_64__)
constexpr std::array waiting_calls{
    WaitingCall{0, Limit::none},       // read
    WaitingCall{7, Limit::int_negative, 2},   // poll
    WaitingCall{23, Limit::null_pointer, 4},  // select
    WaitingCall{43, Limit::none},      // accept
    WaitingCall{45, Limit::none},      // recvfrom
    WaitingCall{47, Limit::none},      // recvmsg
    WaitingCall{61, Limit::none},      // wait4
    WaitingCall{202, Limit::futex_wait, 3},
    WaitingCall{232, Limit::int_negative, 3},  // epoll_wait
    WaitingCall{247, Limit::none},             // waitid
    WaitingCall{270, Limit::null_pointer, 4},  // pselect6
    WaitingCall{271, Limit::null_pointer, 2},  // ppoll
    WaitingCall{281, Limit::int_negative, 3},  // epoll_pwait
    WaitingCall{288, Limit::none},             // accept4
    WaitingCall{441, Limit::null_pointer, 3},  // epoll_pwait2
};
#elif defined(__aarch64__)
constexpr std::array waiting_calls{
    WaitingCall{22, Limit::int_negative, 3},   // epoll_pwait
    WaitingCall{63, Limit::none},              // read
    WaitingCall{72, Limit::null_pointer, 4},   // pselect6
    WaitingCall{73, Limit::null_pointer, 2},   // ppoll
    WaitingCall{95, Limit::none},              // waitid
    WaitingCall{98, Limit::futex_wait, 3},
    WaitingCall{202, Limit::none},             // accept
    WaitingCall{207, Limit::none},             // recvfrom
    WaitingCall{212, Limit::none},             // recvmsg
    WaitingCall{242, Limit::none},             // accept4
    WaitingCall{260, Limit::none},             // wait4
    WaitingCall{441, Limit::null_pointer, 3},  // epoll_pwait2
};
#else
constexpr std::array<WaitingCall, 0> waiting_calls{};
#endif

// The futex operations that wait (FUTEX_WAIT, LOCK_PI, WAIT_BITSET,
// WAIT_REQUEUE_PI, LOCK_PI2), without the private and clock flags.
bool futex_waits(std::uint64_t op) {
  const std::uint64_t command = op & 0x7FU;
  return command == 0 || command == 6 || command == 9 || command == 11 || command == 13;
}

bool without_limit(const WaitingCall& call, const std::array<std::uint64_t, 6>& args) {
  const std::uint64_t value = args[static_cast<std::size_t>(call.arg)];
  switch (call.limit) {
    case Limit::none: return true;
    case Limit::int_negative: return static_cast<std::int32_t>(static_cast<std::uint32_t>(value)) < 0;
    case Limit::null_pointer: return value == 0;
    case Limit::futex_wait: return futex_waits(args[1]) && value == 0;
  }
  return false;
}

// "0x7f3a..." or "45": the number, or nullopt.
std::optional<std::uint64_t> number_in(std::string_view& text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  int base = 10;
  if (text.starts_with("0x")) {
    text.remove_prefix(2);
    base = 16;
  }
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (error != std::errc{}) return std::nullopt;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return value;
}

std::string first_line(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  return line;
}

struct ThreadStatus {
  bool sleeping = false;  // "State:\tS": asleep, waking for a signal or an event (not "D", a disk)
  bool ended = false;     // "Z" or "X": it will never run again
  long sleeps = 0;        // "voluntary_ctxt_switches:\t12"
};

std::string_view value_of(std::string_view line, std::string_view key) {
  std::string_view rest = line.substr(key.size());
  while (!rest.empty() && (rest.front() == '\t' || rest.front() == ' ')) rest.remove_prefix(1);
  return rest;
}

// A thread's /proc/.../status; nullopt when unreadable (it has gone).
std::optional<ThreadStatus> thread_status(const std::filesystem::path& status_path) {
  std::ifstream status(status_path);
  ThreadStatus thread;
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("State:")) {
      const std::string_view state = value_of(line, "State:");
      thread.sleeping = state.starts_with('S');
      thread.ended = state.starts_with('Z') || state.starts_with('X');
    }
    if (!line.starts_with("voluntary_ctxt_switches:")) continue;
    const std::string_view count = value_of(line, "voluntary_ctxt_switches:");
    if (std::from_chars(count.data(), count.data() + count.size(), thread.sleeps).ec == std::errc{}) return thread;
  }
  return std::nullopt;
}

}  // namespace

bool waits_without_limit(std::string_view syscall_line) {
  std::string_view rest = syscall_line;
  const auto number = number_in(rest);
  if (!number) return false;  // "running"
  std::array<std::uint64_t, 6> args{};
  for (auto& arg : args) {
    const auto value = number_in(rest);
    if (!value) return false;
    arg = *value;
  }
  for (const WaitingCall& call : waiting_calls)
    if (static_cast<std::uint64_t>(call.number) == *number) return without_limit(call, args);
  return false;
}

namespace {

// Adds the threads of `pid` to `state`; false when it could not be read.
bool add_process(pid_t pid, ProgramState& state) {
  std::error_code error;
  const std::filesystem::path tasks = "/proc/" + std::to_string(pid) + "/task";
  bool any = false;
  for (const auto& task : std::filesystem::directory_iterator(tasks, error)) {
    const auto thread = thread_status(task.path() / "status");
    if (!thread) return false;  // gone while we looked
    any = true;
    if (thread->ended) continue;
    state.sleeps += thread->sleeps;
    state.all_waiting =
        state.all_waiting && thread->sleeping && waits_without_limit(first_line(task.path() / "syscall"));
  }
  return !error && any;
}

// The process group in /proc/PID/stat: "pid (comm) state ppid pgrp ...",
// where comm may hold spaces and parentheses.
std::optional<pid_t> group_of(const std::filesystem::path& stat_path) {
  const std::string stat = first_line(stat_path);
  const auto end_of_name = stat.rfind(')');
  if (end_of_name == std::string::npos) return std::nullopt;
  std::string_view rest = std::string_view(stat).substr(end_of_name + 1);
  for (int field = 0; field < 2; ++field) {  // state, ppid
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    rest.remove_prefix(std::min(rest.size(), rest.find(' ')));
  }
  const auto group = number_in(rest);
  if (!group) return std::nullopt;
  return static_cast<pid_t>(*group);
}

}  // namespace

std::optional<ProgramState> read_program_state(pid_t leader, const std::vector<pid_t>& members) {
  ProgramState state{.all_waiting = true, .sleeps = 0};
  if (!add_process(leader, state)) return std::nullopt;
  for (const pid_t member : members) {
    ProgramState member_state{.all_waiting = true, .sleeps = 0};
    if (!add_process(member, member_state)) continue;  // it has ended
    state.all_waiting = state.all_waiting && member_state.all_waiting;
    state.sleeps += member_state.sleeps;
  }
  return state;
}

std::vector<pid_t> group_members(pid_t leader) {
  std::vector<pid_t> members;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
    const std::string name = entry.path().filename().string();
    pid_t pid = 0;
    const auto [end, parse_error] = std::from_chars(name.data(), name.data() + name.size(), pid);
    if (parse_error != std::errc{} || end != name.data() + name.size() || pid == leader) continue;
    if (group_of(entry.path() / "stat") == leader) members.push_back(pid);
  }
  std::ranges::sort(members);
  return members;
}

}  // namespace liaison::check
