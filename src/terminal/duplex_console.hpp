// The person's side of `liaison connect --duplex`: what they type, and where
// the server's lines are shown while they type. Two kinds:
// - on a terminal (stdin and stdout both), a libedit line under the prompt,
//   the server's lines printed above it (terminal/line_editor.hpp);
// - otherwise (pipes, files, scripts), stdin read as plain lines and a plain
//   transcript on stdout: the server's lines and "moi > " + each line sent,
//   no prompt and no escape sequence.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/texts.hpp"
#include "net/asio.hpp"

namespace liaison::terminal {

// A line typed, or the end of the person's input (Ctrl-D, end of a script).
struct Typed {
  bool end = false;
  std::string line;  // without its line end
};

class DuplexConsole {
 public:
  virtual ~DuplexConsole() = default;

  // Completes once take_typed() has something. Unwinds when cancelled. Not
  // to be called once the end was taken, nor after close().
  virtual asio::awaitable<void> wait_typed() = 0;
  // The next line typed, or the end (once); nullopt while nothing is finished.
  virtual std::optional<Typed> take_typed() = 0;
  // Lines for stdout, shown whole even while the person is typing.
  virtual void show(const std::vector<std::string>& lines) = 0;
  // A notice for stderr, shown the same way.
  virtual void notice(std::string_view text) = 0;
  // Stops reading the keyboard and gives the terminal back as it was; later
  // show() and notice() print plain lines. Idempotent.
  virtual void close() = 0;
};

// The terminal kind when stdin and stdout are both terminals.
std::unique_ptr<DuplexConsole> make_duplex_console(const asio::any_io_executor& executor, const core::Texts& texts);

}  // namespace liaison::terminal
