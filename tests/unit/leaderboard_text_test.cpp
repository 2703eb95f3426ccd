// The leaderboard as text: columns, languages, hostile nicknames, and the
// byte cap for clients that read one recv(1024).
#include "core/leaderboard_text.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/utf8.hpp"

namespace liaison::core {
namespace {

using namespace std::chrono_literals;

LeaderboardRow row(std::string nickname, std::int64_t rounds_won, std::int64_t games_found, double average_tries,
                   std::optional<std::chrono::milliseconds> best_time) {
  return {.nickname = std::move(nickname),
          .rounds_won = rounds_won,
          .games_found = games_found,
          .games = games_found + 1,
          .average_tries = average_tries,
          .best_time = best_time};
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> result;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) result.push_back(line);
  return result;
}

const std::vector<LeaderboardRow> three{row("alice", 2, 3, 13.0 / 3, 12345ms), row("Zoé", 0, 1, 7.0, 900ms),
                                        row("zed", 0, 0, 0.0, std::nullopt)};

TEST(LeaderboardText, EnglishTable) {
  EXPECT_EQ(format_leaderboard(three, Lang::en),
            "#  Player  Rounds  Found  Tries    Best\n"
            "1  alice        2      3    4.3  12.3 s\n"
            "2  Zoé          0      1    7.0   0.9 s\n"
            "3  zed          0      0      -       -");
}

TEST(LeaderboardText, FrenchTableUsesTheDecimalComma) {
  EXPECT_EQ(format_leaderboard(three, Lang::fr),
            "#  Pseudo  Manches  Trouvés  Essais  Record\n"
            "1  alice         2        3     4,3  12,3 s\n"
            "2  Zoé           0        1     7,0   0,9 s\n"
            "3  zed           0        0       -       -");
}

TEST(LeaderboardText, EmptyIsOneLine) {
  EXPECT_EQ(format_leaderboard({}, Lang::fr), "Pas encore de scores.");
  EXPECT_EQ(format_leaderboard({}, Lang::en), "No scores yet.");
}

TEST(LeaderboardText, ColumnsAlignByCodePointsWithUtf8Nicknames) {
  std::vector<LeaderboardRow> rows{row("Marie-Hélène 😀", 12, 140, 5.25, 61'000ms), row("李", 3, 4, 6.0, 5'500ms)};
  for (int i = 0; i < 9; ++i) rows.push_back(row("n" + std::to_string(i), 0, 1, 7.0, 9'000ms));
  const auto table = lines(format_leaderboard(rows, Lang::fr));
  ASSERT_EQ(table.size(), rows.size() + 1);
  for (const std::string& line : table) {
    EXPECT_EQ(code_points(line), code_points(table[0])) << line;
    EXPECT_NE(line.back(), ' ') << line;
  }
  EXPECT_TRUE(table[1].starts_with(" 1  Marie-Hélène 😀  ")) << table[1];
  // 李 padded to the nickname's 14 code points, the gap, 3 right-aligned under "Manches".
  EXPECT_TRUE(table[2].starts_with(" 2  李" + std::string(13 + 2 + 6, ' ') + "3  ")) << table[2];
  EXPECT_TRUE(table[11].starts_with("11  n8")) << table[11];
  EXPECT_TRUE(table[1].ends_with("61,0 s")) << table[1];
}

TEST(LeaderboardText, NicknamesCannotBreakLinesOrDriveTheTerminal) {
  const auto table = lines(format_leaderboard({row("a\nb\tc\x1b[2J\xff", 1, 1, 1.0, 1s)}, Lang::en));
  ASSERT_EQ(table.size(), 2U);
  EXPECT_TRUE(table[1].starts_with("1  a b c\uFFFD[2J\uFFFD  ")) << table[1];
}

std::vector<LeaderboardRow> many_rows(int count) {
  std::vector<LeaderboardRow> rows;
  for (int i = 0; i < count; ++i)
    rows.push_back(row("Éloïse🎯" + std::to_string(i), count - i, 40, 6.5, std::chrono::milliseconds(1000 * i + 300)));
  return rows;
}

TEST(LeaderboardText, CompactKeepsTheMostWholeRowsThatFit) {
  const auto rows = many_rows(60);
  const std::size_t header_and_first = format_leaderboard({rows[0]}, Lang::fr).size();
  for (const std::size_t cap : {std::size_t{1024}, std::size_t{300}, header_and_first}) {
    const std::string text = format_leaderboard_compact(rows, Lang::fr, cap);
    ASSERT_LE(text.size(), cap);
    ASSERT_GE(lines(text).size(), 2U) << cap;
    const std::size_t kept = lines(text).size() - 1;
    ASSERT_LT(kept, rows.size());
    const std::vector<LeaderboardRow> first(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(kept));
    const std::vector<LeaderboardRow> one_more(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(kept + 1));
    EXPECT_EQ(text, format_leaderboard(first, Lang::fr));  // whole lines, whole characters
    EXPECT_GT(format_leaderboard(one_more, Lang::fr).size(), cap);
    EXPECT_TRUE(is_valid_utf8(text));
  }
}

TEST(LeaderboardText, CompactIsTheWholeTableWhenItFits) {
  EXPECT_EQ(format_leaderboard_compact(three, Lang::en), format_leaderboard(three, Lang::en));
  EXPECT_EQ(format_leaderboard_compact({}, Lang::en), "No scores yet.");
}

TEST(LeaderboardText, CompactIsEmptyWhenNothingFits) {
  const std::string header_and_first = format_leaderboard({three[0]}, Lang::en);
  EXPECT_EQ(format_leaderboard_compact(three, Lang::en, header_and_first.size()), header_and_first);
  EXPECT_EQ(format_leaderboard_compact(three, Lang::en, header_and_first.size() - 1), "");
  EXPECT_EQ(format_leaderboard_compact({}, Lang::en, 5), "");
}

}  // namespace
}  // namespace liaison::core
