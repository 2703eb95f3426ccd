#include "terminal/line_editor.hpp"

#include <langinfo.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include <fmt/format.h>

#include <clocale>
#include <cstdlib>
#include <cwchar>
#include <cwctype>
#include <system_error>

namespace liaison::terminal {
namespace {

constexpr int history_size = 500;

// libedit decodes keys and measures characters with the C library's locale:
// without a UTF-8 one, "é" would be read as two unknown bytes. The protocol
// is UTF-8, so the terminal is taken to be UTF-8 whatever LANG says.
void use_utf8_locale() {
  std::setlocale(LC_CTYPE, "");
  if (std::string_view(nl_langinfo(CODESET)) != "UTF-8") std::setlocale(LC_CTYPE, "C.UTF-8");
}

std::wstring wide(std::string_view text) {
  std::wstring result;
  std::mbstate_t state{};
  const char* at = text.data();
  const char* end = text.data() + text.size();
  while (at < end) {
    wchar_t character = 0;
    const std::size_t size = std::mbrtowc(&character, at, static_cast<std::size_t>(end - at), &state);
    if (size == 0 || size > static_cast<std::size_t>(end - at)) break;  // prompts are valid UTF-8
    result.push_back(character);
    at += size;
  }
  return result;
}

std::size_t glyph_width(wchar_t character) {
  const int columns = ::wcwidth(character);
  return columns > 0 ? static_cast<std::size_t>(columns) : 0;
}

// Cursor positions as libedit's refresh.c computes them (re_putc, re_addc).
class Layout {
 public:
  explicit Layout(std::size_t columns) : columns_(columns < 2 ? 80 : columns) {}

  std::size_t row() const { return row_; }
  // Where the cursor goes before `next` (re_refresh: a wide character that
  // does not fit on this row starts the next one).
  std::size_t row_before(wchar_t next) const {
    return column_ + glyph_width(next) > columns_ ? row_ + 1 : row_;
  }

  void put(std::size_t glyph_width) {
    while (column_ + glyph_width > columns_) advance(1);  // padding
    advance(glyph_width);
  }

  void add(wchar_t character) {
    if (character == L'\t') {
      do put(1);
      while (column_ % 8 != 0);
    } else if (character == L'\n') {
      ++row_;
      column_ = 0;
    } else if (character < 0x100 && std::iswcntrl(static_cast<wint_t>(character))) {
      put(1);  // ^X
      put(1);
    } else if (std::iswprint(static_cast<wint_t>(character))) {
      put(glyph_width(character));
    } else {
      for (int i = character > 0xFFFF ? 8 : 7; i > 0; --i) put(1);  // \U+XXXX
    }
  }

 private:
  void advance(std::size_t glyph_width) {
    column_ += glyph_width;
    if (column_ >= columns_) {
      ++row_;
      column_ = 0;
    }
  }

  std::size_t columns_;
  std::size_t row_ = 0;
  std::size_t column_ = 0;
};

}  // namespace

std::size_t cursor_row(std::wstring_view prompt, std::wstring_view line, std::size_t cursor, std::size_t columns) {
  Layout layout(columns);
  for (const wchar_t character : prompt) layout.put(glyph_width(character));  // prompt_print: no ^X there
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (i == cursor) return layout.row_before(line[i]);
    layout.add(line[i]);
  }
  return layout.row();
}

std::optional<std::filesystem::path> default_history_file() {
  // The XDG spec says to ignore a relative XDG_STATE_HOME.
  const char* state_home = std::getenv("XDG_STATE_HOME");
  if (state_home != nullptr && std::filesystem::path(state_home).is_absolute())
    return std::filesystem::path(state_home) / "liaison" / "history";
  const char* home = std::getenv("HOME");
  if (home != nullptr && std::filesystem::path(home).is_absolute())
    return std::filesystem::path(home) / ".local" / "state" / "liaison" / "history";
  return std::nullopt;
}

LineEditor::LineEditor(std::string_view prompt, std::optional<std::filesystem::path> history_file)
    : prompt_(prompt), history_file_(std::move(history_file)) {
  use_utf8_locale();
  HistEvent event;
  history_ = history_init();
  history(history_, &event, H_SETSIZE, history_size);
  history(history_, &event, H_SETUNIQUE, 1);
  // A missing or unreadable file is an empty history, not an error.
  if (history_file_) history(history_, &event, H_LOAD, history_file_->c_str());

  editor_ = el_init("liaison", stdin, stdout, stderr);
  el_set(editor_, EL_CLIENTDATA, this);
  el_set(editor_, EL_PROMPT, &LineEditor::prompt_of);
  el_set(editor_, EL_EDITOR, "emacs");
  el_set(editor_, EL_HIST, history, history_);
  // No EL_SIGNAL: libedit's handlers re-raise with kill(0, ...), at the whole
  // process group. The client handles Ctrl-C, Ctrl-Z and resizes itself.
  el_source(editor_, nullptr);  // ~/.editrc (or $EDITRC), as other libedit programs
  el_set(editor_, EL_UNBUFFERED, 1);  // raw mode, prompt shown, one key per read
}

LineEditor::~LineEditor() { close(); }

char* LineEditor::prompt_of(EditLine* editor) {
  void* self = nullptr;
  el_get(editor, EL_CLIENTDATA, &self);
  return static_cast<LineEditor*>(self)->prompt_.data();
}

EditorInput LineEditor::read_key() {
  // Asio may report the terminal readable once more after the keys were
  // read: never block in libedit for a key that is not there.
  if (!has_typeahead()) {
    if (terminal_gone()) return {.kind = EditorInput::Kind::end, .line = {}};
    return {};
  }
  // The size is asked at each key and each message (one ioctl) rather than
  // on SIGWINCH, which could be served after keys typed later.
  el_resize(editor_);
  int count = 0;
  const char* text = el_gets(editor_, &count);
  if (text == nullptr || count <= 0) return {};
  const std::string_view typed(text, static_cast<std::size_t>(count));
  if (typed == "\x04") return {.kind = EditorInput::Kind::end, .line = {}};  // Ctrl-D on an empty line
  if (!typed.ends_with('\n')) return {};
  std::string line(typed.substr(0, typed.size() - 1));
  remember(line);
  start_line();
  return {.kind = EditorInput::Kind::line, .line = std::move(line)};
}

// libedit cannot tell a hung-up terminal from a key that left the line empty
// (both return NULL in unbuffered mode), but poll() can: a hang-up, or input
// "ready" with nothing in it (end of file).
bool LineEditor::terminal_gone() const {
  pollfd terminal{.fd = STDIN_FILENO, .events = POLLIN, .revents = 0};
  if (::poll(&terminal, 1, 0) <= 0) return false;
  return (terminal.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0 || !has_typeahead();
}

bool LineEditor::has_typeahead() const {
  int pending = 0;
  return ::ioctl(STDIN_FILENO, FIONREAD, &pending) == 0 && pending > 0;
}

// libedit already moved below the finished line. Leaving unbuffered mode and
// entering it again is how libedit's own readline emulation starts a line:
// the buffer, the history position and the display state are reset, and the
// prompt is drawn.
void LineEditor::start_line() {
  el_set(editor_, EL_UNBUFFERED, 0);
  el_set(editor_, EL_UNBUFFERED, 1);
}

void LineEditor::remember(const std::string& line) {
  if (line.empty()) return;
  HistEvent event;
  history(history_, &event, H_ENTER, line.c_str());
  if (!history_file_) return;
  // Best effort: a read-only home must not stop the conversation. libedit
  // makes the file owner-only.
  std::error_code ignored;
  std::filesystem::create_directories(history_file_->parent_path(), ignored);
  history(history_, &event, H_SAVE, history_file_->c_str());
}

// Up to the prompt's first row (the cursor may be rows below it when the
// line wraps), to its start, and clear everything from there down.
void LineEditor::erase_input() {
  const LineInfoW* line = el_wline(editor_);
  const std::wstring_view typed(line->buffer, static_cast<std::size_t>(line->lastchar - line->buffer));
  const auto cursor = static_cast<std::size_t>(line->cursor - line->buffer);
  int columns = 0;
  el_get(editor_, EL_GETTC, "co", &columns, nullptr);
  const std::size_t rows = cursor_row(wide(prompt_), typed, cursor, static_cast<std::size_t>(columns));
  if (rows > 0) fmt::print("\x1b[{}A", rows);
  fmt::print("\r\x1b[J");
}

void LineEditor::print_above(const std::vector<std::string>& lines, std::FILE* stream) {
  el_resize(editor_);
  erase_input();
  std::fflush(stdout);
  for (const std::string& line : lines) fmt::print(stream, "{}\n", line);
  std::fflush(stream);
  el_set(editor_, EL_REFRESH);  // draws the prompt and the line from here
  std::fflush(stdout);
}

void LineEditor::suspend() {
  const LineInfoW* line = el_wline(editor_);
  suspended_line_.assign(line->buffer, line->lastchar);
  suspended_cursor_ = static_cast<std::size_t>(line->cursor - line->buffer);
  erase_input();
  std::fflush(stdout);
  el_set(editor_, EL_UNBUFFERED, 0);  // the terminal as it was
}

void LineEditor::resume() {
  el_set(editor_, EL_UNBUFFERED, 1);  // raw again, an empty line under the prompt
  if (suspended_line_.empty()) return;
  el_winsertstr(editor_, suspended_line_.c_str());
  el_cursor(editor_, static_cast<int>(suspended_cursor_) - static_cast<int>(suspended_line_.size()));
  suspended_line_.clear();
  print_above({});
}

void LineEditor::close(std::optional<std::string_view> answer) {
  if (editor_ == nullptr) return;
  erase_input();
  if (answer) fmt::print("{}{}\n", prompt_, *answer);
  std::fflush(stdout);
  el_end(editor_);
  editor_ = nullptr;
  history_end(history_);
  history_ = nullptr;
}

}  // namespace liaison::terminal
