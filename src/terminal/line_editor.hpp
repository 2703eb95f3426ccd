// The person's input line in `liaison connect --duplex` on a terminal:
// libedit's line editing (arrows, Ctrl-A/E/K/W..., ~/.editrc) and history,
// plus what libedit lacks for a chat: printing lines that arrive while the
// person types, above their unfinished line, without mixing the two.
//
// Why libedit's native API (histedit.h) and not its readline emulation:
// messages must be printed at any moment, so the editor may read only when
// the terminal has a key for it (one key per call, EL_UNBUFFERED) and must
// redraw on demand. The emulation's callback interface reads keys the same
// way, but its rl_redisplay() (3.1-20221030) does not redraw: it pushes the
// reprint key (^R) into the input, which emacs mode binds to a history
// search, so the next keys typed after a message went into "bck:". Natively,
// EL_REFRESH redraws the prompt and the line at once, cursor in place.
//
// Not thread-safe, one per process: libedit owns the terminal's modes.
#pragma once

#include <histedit.h>

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace liaison::terminal {

// What one key did to the input.
struct EditorInput {
  enum class Kind {
    editing,  // the line changed (or not): nothing to act on yet
    line,     // Enter: `line` is finished (without its newline)
    end,      // Ctrl-D on an empty line, or the terminal went away
  };
  Kind kind = Kind::editing;
  std::string line;
};

class LineEditor {
 public:
  // Takes the terminal (raw mode) and shows `prompt`. History is kept for the
  // session and, with a `history_file`, loaded from it and saved to it.
  LineEditor(std::string_view prompt, std::optional<std::filesystem::path> history_file);
  ~LineEditor();  // close()
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  // Reads and applies one key (an arrow's whole escape sequence). Call it when
  // stdin is readable: it blocks only to finish a sequence already begun.
  EditorInput read_key();
  // Keys already typed and not read yet.
  bool has_typeahead() const;

  // Erases the prompt and the unfinished line, prints `lines` (each on its
  // own line(s)), then draws the prompt and the line again, cursor in place.
  // `stream` is stdout or stderr (both the terminal).
  void print_above(const std::vector<std::string>& lines, std::FILE* stream = stdout);

  // Ctrl-Z: the terminal back to normal until resume(); what was typed is kept.
  void suspend();
  void resume();

  // Erases the unfinished line and gives the terminal back as it was (el_end).
  // With an `answer`, the prompt and that answer are left in its place (the
  // FIN that Ctrl-D said). Idempotent; nothing else may be called after it.
  void close(std::optional<std::string_view> answer = std::nullopt);
  bool closed() const { return editor_ == nullptr; }

 private:
  static char* prompt_of(EditLine* editor);
  bool terminal_gone() const;
  void start_line();  // a fresh empty line under a fresh prompt
  void erase_input();
  void remember(const std::string& line);

  std::string prompt_;
  std::optional<std::filesystem::path> history_file_;
  History* history_ = nullptr;
  EditLine* editor_ = nullptr;
  std::wstring suspended_line_;  // what was typed when Ctrl-Z came
  std::size_t suspended_cursor_ = 0;
};

// Where the history lives: $XDG_STATE_HOME/liaison/history, else
// $HOME/.local/state/liaison/history; nullopt when neither is usable.
std::optional<std::filesystem::path> default_history_file();

// The row, counted from the prompt's first row, on which libedit puts the
// cursor when it draws `prompt` then `line` with the cursor before
// line[cursor], on a terminal `columns` wide. The same rules as libedit's
// refresh.c: a character that does not fit goes to the next row, control
// characters show as ^X, tabs go to the next multiple of 8.
std::size_t cursor_row(std::wstring_view prompt, std::wstring_view line, std::size_t cursor, std::size_t columns);

}  // namespace liaison::terminal
