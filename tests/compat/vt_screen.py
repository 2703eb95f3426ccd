"""A tiny model of an xterm screen, for tests that drive a program through a
pseudo-terminal: feed it the bytes the program wrote, then read the rows and
the cursor as a person would see them.

It knows what line editors write (cursor moves, erases, inserts and deletes,
xterm's delayed wrap at the right margin) and nothing more: any other escape
sequence raises, so that a test never passes on output it misread."""
import codecs
import re

CSI = re.compile(r"\x1b\[([?>]?)([0-9;]*)([@-~])")
PARTIAL_ESCAPE = re.compile(r"\x1b(\[[?>]?[0-9;]*)?$")


class Screen:
    def __init__(self, rows, columns):
        self.rows, self.columns = rows, columns
        self.cells = [[" "] * columns for _ in range(rows)]
        self.scrolled_off = []  # rows that left the top, oldest first
        self.row = self.column = 0
        self.wrap_pending = False  # xterm: a character written in the last column waits to wrap
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.unfinished = ""

    def resize(self, columns):
        """As xterm: rows are cut or padded, never reflowed."""
        self.cells = [(row + [" "] * columns)[:columns] for row in self.cells]
        self.columns = columns
        self.column = min(self.column, columns - 1)

    def feed(self, data):
        text = self.unfinished + self.decoder.decode(data)
        self.unfinished = ""
        at = 0
        while at < len(text):
            character = text[at]
            if character == "\x1b":
                match = CSI.match(text, at)
                if match:
                    self._csi(match.group(1), match.group(2), match.group(3))
                    at = match.end()
                elif PARTIAL_ESCAPE.match(text, at):
                    self.unfinished = text[at:]
                    return
                elif text[at + 1] in "=>":  # keypad modes
                    at += 2
                else:
                    raise ValueError("unknown escape sequence %r" % text[at:at + 12])
                continue
            self._control(character) if ord(character) < 0x20 else self._put(character)
            at += 1

    # What a person reads.
    def line(self, row):
        return "".join(self.cells[row]).rstrip()

    def cursor_line(self):
        return self.line(self.row)

    def text(self):
        return "\n".join(self.scrolled_off + [self.line(r) for r in range(self.rows)]).rstrip("\n ")

    def _put(self, character):
        if self.wrap_pending:
            self.wrap_pending = False
            self.column = 0
            self._line_feed()
        self.cells[self.row][self.column] = character
        if self.column == self.columns - 1:
            self.wrap_pending = True
        else:
            self.column += 1

    def _control(self, character):
        self.wrap_pending = False
        if character == "\r":
            self.column = 0
        elif character == "\n":
            self._line_feed()
        elif character == "\b":
            self.column = max(0, self.column - 1)
        elif character == "\t":
            self.column = min(self.columns - 1, (self.column // 8 + 1) * 8)
        elif character != "\x07":  # the bell changes nothing on screen
            raise ValueError("unknown control character %r" % character)

    def _line_feed(self):
        if self.row < self.rows - 1:
            self.row += 1
            return
        self.scrolled_off.append("".join(self.cells.pop(0)).rstrip())
        self.cells.append([" "] * self.columns)

    def _csi(self, private, parameters, final):
        self.wrap_pending = False
        if private:  # modes (cursor keys, bracketed paste...): nothing visible
            if final not in "hl":
                raise ValueError("unknown private sequence %r" % (private + parameters + final))
            return
        numbers = [int(p) if p else 0 for p in parameters.split(";")] if parameters else []
        n = max(numbers[0], 1) if numbers else 1
        row = self.cells[self.row]
        if final == "A":
            self.row = max(0, self.row - n)
        elif final == "B":
            self.row = min(self.rows - 1, self.row + n)
        elif final == "C":
            self.column = min(self.columns - 1, self.column + n)
        elif final == "D":
            self.column = max(0, self.column - n)
        elif final == "G":
            self.column = min(self.columns - 1, n - 1)
        elif final in "Hf":
            self.row = min(self.rows - 1, max(numbers[0], 1) - 1 if numbers else 0)
            self.column = min(self.columns - 1, max(numbers[1], 1) - 1 if len(numbers) > 1 else 0)
        elif final == "K":
            self._erase_line(numbers[0] if numbers else 0)
        elif final == "J":
            self._erase_screen(numbers[0] if numbers else 0)
        elif final == "@":
            row[self.column:] = ([" "] * n + row[self.column:])[:self.columns - self.column]
        elif final == "P":
            row[self.column:] = (row[self.column + n:] + [" "] * n)[:self.columns - self.column]
        elif final != "m":  # colours change nothing a test reads
            raise ValueError("unknown CSI sequence %r" % (parameters + final))

    def _erase_line(self, how):
        row = self.cells[self.row]
        start, end = {0: (self.column, self.columns), 1: (0, self.column + 1), 2: (0, self.columns)}[how]
        row[start:end] = [" "] * (end - start)

    def _erase_screen(self, how):
        if how == 0:
            self._erase_line(0)
            below = range(self.row + 1, self.rows)
        elif how == 1:
            self._erase_line(1)
            below = range(0, self.row)
        else:
            below = range(self.rows)
        for r in below:
            self.cells[r] = [" "] * self.columns
