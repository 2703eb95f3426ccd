// What a program under check is doing, from Linux's /proc: whether each
// thread of each of its processes (its process group: a server that forks
// for each client, a shell or a version manager's shim that starts Python)
// sleeps in a system call that waits for input with no time limit -- read()
// on its terminal, recv() or accept() on a socket, poll() without a timeout,
// a lock, a child -- and how many times they have gone to sleep so far. A
// program whose every thread waits so will neither answer nor end until
// somebody gives it something: the checks need not wait out their time
// limit to know it (child.hpp's waits_on_us()).
#pragma once

#include <sys/types.h>

#include <optional>
#include <string_view>
#include <vector>

namespace liaison::check {

struct ProgramState {
  bool all_waiting = false;  // every thread asleep in a wait without a time limit
  long sleeps = 0;           // voluntary context switches, all threads: grows each time one goes to sleep
};

// The state of `leader` and of `members` (other processes of its group):
// nullopt where /proc says nothing (not Linux, or the leader is gone).
// Members that have ended (gone, or zombies) do not count.
std::optional<ProgramState> read_program_state(pid_t leader, const std::vector<pid_t>& members = {});

// The other processes of `leader`'s process group, in increasing order (a
// look at every process of the machine: for when it matters).
std::vector<pid_t> group_members(pid_t leader);

// One line of /proc/PID/task/TID/syscall ("45 0x3 0x7f... ..."): a call that
// waits for input with no time limit. "running", a sleep(), a poll() with a
// timeout and unknown calls are not.
bool waits_without_limit(std::string_view syscall_line);

}  // namespace liaison::check
