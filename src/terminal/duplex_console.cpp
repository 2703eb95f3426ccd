#include "terminal/duplex_console.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <deque>
#include <variant>

#include "core/words.hpp"
#include "terminal/console.hpp"
#include "terminal/line_editor.hpp"

namespace liaison::terminal {
namespace {

using namespace asio::experimental::awaitable_operators;

// Pipes and files: lines in, a plain transcript out.
class PlainConsole final : public DuplexConsole {
 public:
  PlainConsole(const asio::any_io_executor& executor, const core::Texts& texts) : texts_(texts), console_(executor) {}

  asio::awaitable<void> wait_typed() override { co_await console_.wait_line(); }

  std::optional<Typed> take_typed() override {
    if (auto line = console_.take_line()) {
      // Empty lines are not sent: nothing to show for them.
      if (!line->empty()) console_.say(fmt::format("{}{}", texts_.me_prompt, *line));
      return Typed{.end = false, .line = std::move(*line)};
    }
    if (!console_.closed() || end_taken_) return std::nullopt;
    end_taken_ = true;
    console_.say(fmt::format("{}{}", texts_.me_prompt, core::fin));  // what the end of input says
    return Typed{.end = true, .line = {}};
  }

  void show(const std::vector<std::string>& lines) override {
    for (const std::string& line : lines) console_.say(line);
  }

  void notice(std::string_view text) override { fmt::print(stderr, "{}\n", text); }

  void close() override {}

 private:
  const core::Texts& texts_;
  Console console_;
  bool end_taken_ = false;
};

// A terminal: libedit reads the keys, this waits for them. Both the terminal
// and the socket are awaited in the client's one thread (`||`), so a line
// from the server is printed the moment it arrives, between two keys; no
// thread is needed, and libedit, which is not thread-safe, is only ever
// called from that thread.
class TerminalConsole final : public DuplexConsole {
 public:
  TerminalConsole(const asio::any_io_executor& executor, const core::Texts& texts)
      : editor_(texts.me_prompt, default_history_file()),
        keys_(executor, duplicate_stdin()),
        signals_(executor, SIGTSTP) {}

  asio::awaitable<void> wait_typed() override {
    while (typed_.empty()) {
      auto event = co_await (keys_.async_wait(asio::posix::stream_descriptor::wait_read, nothrow) ||
                             signals_.async_wait(nothrow));
      if (event.index() == 1) {
        unwind_if_aborted(std::get<0>(std::get<1>(event)));
        suspend();
        continue;
      }
      unwind_if_aborted(std::get<0>(std::get<0>(event)));
      read_keys();
    }
  }

  std::optional<Typed> take_typed() override {
    if (typed_.empty()) return std::nullopt;
    Typed typed = std::move(typed_.front());
    typed_.pop_front();
    return typed;
  }

  void show(const std::vector<std::string>& lines) override { print(lines, stdout); }

  void notice(std::string_view text) override { print({std::string(text)}, stderr); }

  void close() override {
    editor_.close();
    stop_signals();
  }

 private:
  // Everything already typed: a paste is many keys, and several lines.
  void read_keys() {
    do {
      EditorInput input = editor_.read_key();
      if (input.kind == EditorInput::Kind::line) typed_.push_back({.end = false, .line = std::move(input.line)});
      if (input.kind == EditorInput::Kind::end) {
        editor_.close(core::fin);  // the prompt answered FIN, as Ctrl-D does in the lesson's client
        stop_signals();
        typed_.push_back({.end = true, .line = {}});
        return;
      }
    } while (editor_.has_typeahead());
  }

  // Ctrl-Z: the terminal back to normal, then stop for real (SIGSTOP cannot
  // be caught); `fg` continues here.
  void suspend() {
    editor_.suspend();
    ::raise(SIGSTOP);
    editor_.resume();
  }

  // Gives Ctrl-Z its usual meaning back once nothing is edited.
  void stop_signals() {
    error_code ignored;
    signals_.clear(ignored);
  }

  void print(const std::vector<std::string>& lines, std::FILE* stream) {
    if (!editor_.closed()) {
      editor_.print_above(lines, stream);
      return;
    }
    for (const std::string& line : lines) fmt::print(stream, "{}\n", line);
    std::fflush(stream);
  }

  LineEditor editor_;
  asio::posix::stream_descriptor keys_;  // only waited on: libedit reads stdin itself
  asio::signal_set signals_;  // Ctrl-Z
  std::deque<Typed> typed_;
};

}  // namespace

std::unique_ptr<DuplexConsole> make_duplex_console(const asio::any_io_executor& executor, const core::Texts& texts) {
  if (::isatty(STDIN_FILENO) == 1 && ::isatty(STDOUT_FILENO) == 1)
    return std::make_unique<TerminalConsole>(executor, texts);
  return std::make_unique<PlainConsole>(executor, texts);
}

}  // namespace liaison::terminal
