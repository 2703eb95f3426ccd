#include "core/leaderboard_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <span>
#include <string_view>

#include "core/display.hpp"
#include "core/score_texts.hpp"
#include "core/utf8.hpp"

namespace liaison::core {
namespace {

constexpr std::size_t column_count = 6;
using Cells = std::array<std::string, column_count>;
// Numbers are right-aligned so that their digits line up; the nickname is text.
constexpr std::array<bool, column_count> right_aligned{true, false, true, true, true, true};
constexpr std::string_view column_gap = "  ";

// One decimal, with the language's decimal mark.
std::string one_decimal(double value, std::string_view mark) {
  std::string text = fmt::format("{:.1f}", value);
  if (const auto dot = text.find('.'); dot != std::string::npos) text.replace(dot, 1, mark);
  return text;
}

// A nickname is user input: it must neither break the table's lines nor
// drive the terminal.
std::string shown_nickname(std::string_view nickname) {
  std::string shown = printable(nickname);
  std::replace_if(shown.begin(), shown.end(), [](char c) { return c == '\n' || c == '\t'; }, ' ');
  return shown;
}

Cells header_cells(const ScoreTexts& texts) {
  return {std::string(texts.rank_header),        std::string(texts.nickname_header),
          std::string(texts.rounds_won_header),  std::string(texts.found_header),
          std::string(texts.average_tries_header), std::string(texts.best_time_header)};
}

Cells row_cells(std::size_t rank, const LeaderboardRow& row, const ScoreTexts& texts) {
  const std::string none(texts.none);
  const std::string average = row.games_found > 0 ? one_decimal(row.average_tries, texts.decimal_mark) : none;
  const std::string best_time =
      row.best_time
          ? texts.seconds.format(one_decimal(static_cast<double>(row.best_time->count()) / 1000.0, texts.decimal_mark))
          : none;
  return {std::to_string(rank), shown_nickname(row.nickname), std::to_string(row.rounds_won),
          std::to_string(row.games_found), average, best_time};
}

void append_line(std::string& out, const Cells& cells, const std::array<std::size_t, column_count>& widths) {
  for (std::size_t column = 0; column < column_count; ++column) {
    if (column > 0) out.append(column_gap);
    const std::string padding(widths[column] - code_points(cells[column]), ' ');
    const bool last = column + 1 == column_count;
    if (right_aligned[column]) out.append(padding);
    out.append(cells[column]);
    if (!right_aligned[column] && !last) out.append(padding);
  }
}

// The table of `rows` (at least one), ranked from 1.
std::string table(std::span<const LeaderboardRow> rows, const ScoreTexts& texts) {
  std::vector<Cells> lines{header_cells(texts)};
  for (std::size_t i = 0; i < rows.size(); ++i) lines.push_back(row_cells(i + 1, rows[i], texts));
  std::array<std::size_t, column_count> widths{};
  for (const Cells& cells : lines)
    for (std::size_t column = 0; column < column_count; ++column)
      widths[column] = std::max(widths[column], code_points(cells[column]));
  std::string out;
  for (const Cells& cells : lines) {
    if (!out.empty()) out.push_back('\n');
    append_line(out, cells, widths);
  }
  return out;
}

}  // namespace

std::string format_leaderboard(const std::vector<LeaderboardRow>& rows, Lang lang) {
  const ScoreTexts& texts = score_texts(lang);
  return rows.empty() ? std::string(texts.empty) : table(rows, texts);
}

std::string format_leaderboard_compact(const std::vector<LeaderboardRow>& rows, Lang lang, std::size_t max_bytes) {
  const ScoreTexts& texts = score_texts(lang);
  if (rows.empty()) return texts.empty.size() <= max_bytes ? std::string(texts.empty) : std::string();
  // Column widths depend on the rows kept, so each candidate is formatted
  // whole; a table only grows with its rows, so a binary search finds the
  // most rows that fit. Invariant: `fitting` rows fit (0: none does).
  const std::span<const LeaderboardRow> all(rows);
  std::size_t fitting = 0;
  std::size_t too_many = rows.size() + 1;
  while (too_many - fitting > 1) {
    const std::size_t middle = fitting + (too_many - fitting) / 2;
    if (table(all.first(middle), texts).size() <= max_bytes)
      fitting = middle;
    else
      too_many = middle;
  }
  return fitting == 0 ? std::string() : table(all.first(fitting), texts);
}

SlowLine scores_line(ScoreStore& store, Lang lang, std::size_t max_bytes) {
  return [&store, lang, max_bytes]() -> std::string {
    try {
      return format_leaderboard_compact(store.leaderboard(10), lang, max_bytes);
    } catch (const std::exception& error) {
      return error.what();
    }
  };
}

}  // namespace liaison::core
