#include "terminal/console.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>

namespace liaison::terminal {

int duplicate_stdin() {
  if (::isatty(STDIN_FILENO) == 1) {
    const int terminal = ::open("/proc/self/fd/0", O_RDONLY | O_NOCTTY | O_CLOEXEC);
    if (terminal >= 0) return terminal;
  }
  const int input = ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0);
  return input >= 0 ? input : ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}

void unwind_if_aborted(const error_code& error) {
  if (error == asio::error::operation_aborted) throw boost::system::system_error(error);
}

Console::Console(const asio::any_io_executor& executor)
    : input_(executor, duplicate_stdin()),
      saved_flags_(::fcntl(STDIN_FILENO, F_GETFL)),
      is_terminal_(::isatty(STDIN_FILENO) == 1) {}

Console::~Console() {
  // A duplicate shares stdin's open file description: O_NONBLOCK set for
  // Asio would otherwise stay on a pipe or file others may read after us.
  if (saved_flags_ >= 0) ::fcntl(STDIN_FILENO, F_SETFL, saved_flags_);
}

bool Console::has_line() const { return buffer_.find('\n') != std::string::npos; }

asio::awaitable<void> Console::wait_line() {
  while (!has_line() && !end_of_input_) co_await read_more();
}

asio::awaitable<void> Console::wait_closed() {
  while (!end_of_input_) co_await read_more();
  if (closed()) co_return;
  // Lines are left: the console is not closed until they are used, which
  // cannot happen during this wait. Wait until cancelled.
  asio::steady_timer forever(input_.get_executor(), std::chrono::steady_clock::time_point::max());
  auto [error] = co_await forever.async_wait(nothrow);
  unwind_if_aborted(error);
}

std::optional<std::string> Console::take_line() {
  const auto newline = buffer_.find('\n');
  if (newline == std::string::npos && !(end_of_input_ && !buffer_.empty())) return std::nullopt;
  std::string line = buffer_.substr(0, newline);
  buffer_.erase(0, newline == std::string::npos ? buffer_.size() : newline + 1);
  if (line.ends_with('\r')) line.pop_back();
  return line;
}

asio::awaitable<std::optional<std::string>> Console::next_line() {
  co_await wait_line();
  co_return take_line();
}

void Console::say(std::string_view line) {
  end_prompt_line();
  fmt::print("{}\n", line);
  std::fflush(stdout);
}

void Console::prompt(std::string_view text) {
  if (prompt_open_) return;
  fmt::print("{}", text);
  std::fflush(stdout);
  prompt_open_ = true;
}

void Console::show_answer(std::string_view text, bool typed) {
  if (!typed || !is_terminal_) {
    fmt::print("{}\n", text);
    std::fflush(stdout);
  }
  prompt_open_ = false;
}

void Console::end_prompt_line() {
  if (!prompt_open_) return;
  fmt::print("\n");
  std::fflush(stdout);
  prompt_open_ = false;
}

asio::awaitable<void> Console::read_more() {
  auto [error] = co_await input_.async_wait(asio::posix::stream_descriptor::wait_read, nothrow);
  unwind_if_aborted(error);
  // Regular files and /dev/null cannot be watched by epoll (operation not
  // supported); reading them never blocks, so read anyway.
  read_available();
}

void Console::read_available() {
  std::array<char, 4096> chunk;
  for (;;) {
    const ssize_t size = ::read(input_.native_handle(), chunk.data(), chunk.size());
    if (size > 0) {
      buffer_.append(chunk.data(), static_cast<std::size_t>(size));
      return;
    }
    if (size < 0 && errno == EINTR) continue;
    if (size < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    end_of_input_ = true;  // end of file, or stdin unusable
    return;
  }
}

}  // namespace liaison::terminal
