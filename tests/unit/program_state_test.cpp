// Reading what a program under check is doing: which system calls wait for
// input with no time limit (from /proc/PID/task/TID/syscall lines), and a
// real child process seen waiting on its standard input.
#include "check/program_state.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <thread>

namespace liaison::check {
namespace {

#if defined(__x86_64__)
TEST(WaitsWithoutLimit, ReadRecvAcceptAndLocksWait) {
  EXPECT_TRUE(waits_without_limit("0 0x0 0x55d0 0x400 0x0 0x0 0x0 0x7ffc 0x7f12"));        // read(0, ...)
  EXPECT_TRUE(waits_without_limit("45 0x3 0x7f00 0x400 0x0 0x0 0x0 0x7ffc 0x7f12"));       // recvfrom
  EXPECT_TRUE(waits_without_limit("43 0x3 0x0 0x0 0x0 0x0 0x0 0x7ffc 0x7f12"));            // accept
  EXPECT_TRUE(waits_without_limit("202 0x7f00 0x189 0x0 0x0 0x0 0xffffffff 0x7ffc 0x7f12"));  // futex wait, no timeout
}

TEST(WaitsWithoutLimit, APollWaitsOnlyWithoutATimeout) {
  EXPECT_TRUE(waits_without_limit("7 0x7ffc 0x1 0xffffffff 0x0 0x0 0x0 0x7ffc 0x7f12"));
  EXPECT_TRUE(waits_without_limit("7 0x7ffc 0x1 0xffffffffffffffff 0x0 0x0 0x0 0x7ffc 0x7f12"));
  EXPECT_FALSE(waits_without_limit("7 0x7ffc 0x1 0x3e8 0x0 0x0 0x0 0x7ffc 0x7f12"));  // poll(..., 1000)
  EXPECT_TRUE(waits_without_limit("23 0x4 0x7ffc 0x0 0x0 0x0 0x0 0x7ffc 0x7f12"));    // select, no timeout
  EXPECT_FALSE(waits_without_limit("23 0x0 0x0 0x0 0x0 0x7ffc 0x0 0x7ffc 0x7f12"));   // select as a sleep
  EXPECT_FALSE(waits_without_limit("202 0x7f00 0x189 0x0 0x7ffc 0x0 0xffffffff 0x7ffc 0x7f12"));  // futex, timeout
}

TEST(WaitsWithoutLimit, RunningSleepingAndUnknownCallsDoNot) {
  EXPECT_FALSE(waits_without_limit("running"));
  EXPECT_FALSE(waits_without_limit("-1 0x7ffc 0x7f12"));
  EXPECT_FALSE(waits_without_limit("230 0x1 0x0 0x7ffc 0x0 0x0 0x0 0x7ffc 0x7f12"));  // clock_nanosleep: time.sleep
  EXPECT_FALSE(waits_without_limit("1 0x1 0x55d0 0x5 0x0 0x0 0x0 0x7ffc 0x7f12"));    // write
  EXPECT_FALSE(waits_without_limit(""));
}
#endif

// A real child blocked reading a pipe nobody writes to: every thread waits,
// and its count of sleeps stays still.
TEST(ReadProgramState, SeesAChildWaitingOnItsInput) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    char byte;
    close(fds[1]);
    (void)!read(fds[0], &byte, 1);
    _exit(0);
  }
  close(fds[0]);
  std::optional<ProgramState> state;
  for (int i = 0; i < 200 && !(state && state->all_waiting); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    state = read_program_state(pid);
  }
  ASSERT_TRUE(state);
  EXPECT_TRUE(state->all_waiting);
  const auto again = read_program_state(pid);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->sleeps, state->sleeps);
  close(fds[1]);  // end of file: it ends
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_FALSE(read_program_state(pid));
}

}  // namespace
}  // namespace liaison::check
