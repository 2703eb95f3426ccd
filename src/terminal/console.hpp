// The person at the keyboard: stdin read as lines from inside the io_context,
// so that a program can wait for a line and for its socket at the same time
// (`console.wait_line() || socket.async_wait(...)`) and notice a peer leaving
// while its user is still typing; and stdout as a transcript of prompts,
// answers and lines.
//
// Waiting never consumes: wait_line() and wait_closed() only fill a buffer,
// take_line() takes. So when a wait loses an `||` race nothing typed is lost.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "net/asio.hpp"

namespace liaison::terminal {

// A wait that ended because the program is stopping (Ctrl-C cancels the
// conversation) did not really complete: unwind instead of acting on it, say
// by taking a cancelled stdin wait for Ctrl-D. The `||` that cancelled it
// ignores the exception.
void unwind_if_aborted(const error_code& error);

// A descriptor of stdin of our own for Asio to watch (and close); an empty
// input when the process was started without stdin. A terminal is opened
// anew rather than duplicated: stdin, stdout and stderr usually share one
// open file description of it, and the O_NONBLOCK that Asio sets on what it
// watches would then make our writes to stdout fail with EAGAIN.
int duplicate_stdin();

class Console {
 public:
  explicit Console(const asio::any_io_executor& executor);
  ~Console();  // gives stdin its file flags back (Asio makes it non-blocking)
  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;

  // Completes once a line is buffered or stdin is closed.
  asio::awaitable<void> wait_line();
  // Completes once stdin is closed and every line was taken; never while a
  // line waits (those still have to be used).
  asio::awaitable<void> wait_closed();
  // The next buffered line without "\n" or "\r\n" (an unterminated last line
  // counts once stdin is closed); nullopt when none is buffered.
  std::optional<std::string> take_line();
  // wait_line() then take_line(): nullopt means stdin is closed.
  asio::awaitable<std::optional<std::string>> next_line();

  bool closed() const { return end_of_input_ && buffer_.empty(); }

  // One line on stdout, on a line of its own even when a prompt is open.
  void say(std::string_view line);
  // A prompt without newline, unless it is still open from before.
  void prompt(std::string_view text);
  // Ends the prompt's line with what answered it. A terminal already shows
  // what was typed (`typed`); a pipe or a file does not, so it is written
  // out, and so is what the program answered for the person (the FIN of
  // Ctrl-D), so that the transcript reads well.
  void show_answer(std::string_view text, bool typed);
  // Ends an open prompt's line, before something is said on stderr.
  void end_prompt_line();

 private:
  bool has_line() const;
  // Waits until stdin is readable and appends what it holds.
  asio::awaitable<void> read_more();
  void read_available();

  asio::posix::stream_descriptor input_;
  int saved_flags_;
  bool is_terminal_;
  bool end_of_input_ = false;
  bool prompt_open_ = false;  // a prompt is on stdout's current line
  std::string buffer_;
};

}  // namespace liaison::terminal
