// `liaison play` driven by a person through stdin, against the real server.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/process.hpp"
#include "support/text_scan.hpp"

namespace liaison::testing {
namespace {

// Someone at the keyboard of `liaison play`: types lines, reads what appears.
class Person {
 public:
  Person(const Server& server, std::vector<std::string> extra = {})
      : player_(liaison_binary(), arguments(server, std::move(extra))) {}

  void type(const std::string& line) { player_.write_stdin(line + "\n"); }
  void stop_typing() { player_.close_stdin(); }

  // What was printed since the last call, up to and including `needle`.
  std::string wait_for(const std::string& needle, std::chrono::milliseconds timeout = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const std::string out = player_.read_stdout_until("\x01", 20ms);
      if (const auto at = out.find(needle, seen_); at != std::string::npos) {
        const std::string fresh = out.substr(seen_, at + needle.size() - seen_);
        seen_ = at + needle.size();
        return fresh;
      }
      if (std::chrono::steady_clock::now() > deadline || player_.wait(0ms) >= 0) {
        ADD_FAILURE() << "never saw " << needle << " in:\n" << out.substr(seen_) << player_.stderr_text();
        return out.substr(seen_);
      }
    }
  }

  Process& process() { return player_; }

 private:
  static std::vector<std::string> arguments(const Server& server, std::vector<std::string> extra) {
    std::vector<std::string> args{"play", "127.0.0.1", std::to_string(server.port())};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  Process player_;
  std::size_t seen_ = 0;
};

const std::string prompt_end = ") : ";  // every French prompt ends so, no server sentence does

struct Hint {
  bool higher = false;
  int tries = 0;
  long min = 0;
  long max = 0;
};

// "C'est plus ! (essai 3, entre 51 et 100)"
std::optional<Hint> hint_at(std::string_view text) {
  Scan scan(text);
  const bool higher = scan.literal("plus");
  if (!higher && !scan.literal("moins")) return std::nullopt;
  if (!scan.literal(" ! (essai ")) return std::nullopt;
  const auto tries = scan.digits();
  if (!tries || !scan.literal(", entre ")) return std::nullopt;
  const auto min = scan.digits();
  if (!min || !scan.literal(" et ")) return std::nullopt;
  const auto max = scan.digits();
  if (!max || !scan.literal(")\n")) return std::nullopt;
  return Hint{higher, static_cast<int>(*tries), static_cast<long>(*min), static_cast<long>(*max)};
}

// The first hint line in `text`.
std::optional<Hint> hint_in(std::string_view text) {
  constexpr std::string_view start = "C'est ";
  for (auto at = text.find(start); at != text.npos; at = text.find(start, at + 1))
    if (auto hint = hint_at(text.substr(at + start.size()))) return hint;
  return std::nullopt;
}

// Plays one game by bisection through the keyboard, checking each hint line.
// Returns the tries it took.
int play_by_bisection(Person& person, long min, long max) {
  for (int tries = 1; tries <= 20; ++tries) {
    const long guess = min + (max - min) / 2;
    person.type(std::to_string(guess));
    const std::string shown = person.wait_for(prompt_end);
    if (shown.find("Gagné ! C'était " + std::to_string(guess)) != std::string::npos) {
      EXPECT_NE(shown.find("trouvé en " + std::to_string(tries) + " essai(s)"), std::string::npos) << shown;
      EXPECT_NE(shown.find("Rejouer ? (o/n) : "), std::string::npos) << shown;
      return tries;
    }
    const auto hint = hint_in(shown);
    if (!hint) {
      ADD_FAILURE() << "no hint in: " << shown;
      return -1;
    }
    if (hint->higher) min = guess + 1;
    else max = guess - 1;
    EXPECT_EQ(hint->tries, tries);
    EXPECT_EQ(hint->min, min) << shown;
    EXPECT_EQ(hint->max, max) << shown;
    EXPECT_NE(shown.find("Votre proposition (1-100) : "), std::string::npos) << shown;
  }
  return -1;
}

TEST(PlayInteractive, AWholeConversation) {
  Server server({"--seed", "7"});
  Person person(server);
  const std::string greeting = person.wait_for(prompt_end);
  EXPECT_EQ(greeting, "Bienvenue au juste prix ! Devinez le nombre entier entre 1 et 100.\nVotre proposition (1-100) : ");
  const int tries = play_by_bisection(person, 1, 100);
  EXPECT_GE(tries, 1);
  EXPECT_LE(tries, 7);
  // Neither yes nor no: the server asks again, and so do we.
  person.type("peut-être");
  EXPECT_EQ(person.wait_for(prompt_end), "Répondez o pour rejouer ou n pour arrêter.\nRejouer ? (o/n) : ");
  person.type("o");
  EXPECT_EQ(person.wait_for(prompt_end), "Bienvenue au juste prix ! Devinez le nombre entier entre 1 et 100.\nVotre proposition (1-100) : ");
  // The server referees invalid input; it does not count as a try.
  person.type("abc");
  EXPECT_EQ(person.wait_for(prompt_end),
            "Ce n'est pas un nombre entier : proposez un nombre entre 1 et 100.\nVotre proposition (1-100) : ");
  person.type("500");
  EXPECT_NE(person.wait_for(prompt_end).find("500 n'est pas entre 1 et 100"), std::string::npos);
  person.type("");
  EXPECT_NE(person.wait_for(prompt_end).find("Message vide"), std::string::npos);
  EXPECT_LE(play_by_bisection(person, 1, 100), 7);  // tries start again at 1
  person.type("n");
  EXPECT_EQ(person.wait_for("\n"), "FIN\n");
  EXPECT_EQ(person.wait_for("\n"), "Connexion terminée.\n");
  EXPECT_EQ(person.process().wait(5s), 0);
}

TEST(PlayInteractive, TypingFinEndsTheGame) {
  Server server({"--seed", "7"});
  Person person(server);
  person.wait_for(prompt_end);
  person.type("50");
  person.wait_for(prompt_end);
  person.type("fin");
  EXPECT_EQ(person.wait_for("Connexion terminée.\n"), "FIN\nConnexion terminée.\n");
  EXPECT_EQ(person.process().wait(5s), 0);
}

TEST(PlayInteractive, EndOfInputSaysFin) {
  Server server({"--seed", "7"});
  Person person(server);
  person.wait_for(prompt_end);
  person.stop_typing();
  EXPECT_EQ(person.wait_for("Connexion terminée.\n"), "\nFIN\nConnexion terminée.\n");
  EXPECT_EQ(person.process().wait(5s), 0);
}

TEST(PlayInteractive, ASingleNumberAndItsRange) {
  Server server({"--min", "5", "--max", "5"});
  Person person(server);
  EXPECT_NE(person.wait_for(prompt_end).find("Votre proposition (5-5) : "), std::string::npos);
  person.type("7");
  EXPECT_NE(person.wait_for(prompt_end).find("7 n'est pas entre 5 et 5"), std::string::npos);
  person.type(" 5 ");
  EXPECT_NE(person.wait_for(prompt_end).find("Gagné ! C'était 5, trouvé en 1 essai(s). Rejouer ? (o/n)\nRejouer ? (o/n) : "),
            std::string::npos);
  person.type("non");
  EXPECT_EQ(person.wait_for("Connexion terminée.\n"), "FIN\nConnexion terminée.\n");
  EXPECT_EQ(person.process().wait(5s), 0);
}

TEST(PlayInteractive, InEnglish) {
  Server server({"--seed", "7", "--lang", "en", "--min", "1", "--max", "10"});
  Person person(server, {"--lang", "en"});
  EXPECT_EQ(person.wait_for("): "), "Welcome to the guessing game! Guess the whole number between 1 and 10.\nYour guess (1-10): ");
  person.type("5");
  const std::string shown = person.wait_for("): ");
  // A hint then the prompt, or the win then the replay prompt: nothing else.
  Scan hint(shown);
  const bool hinted = (hint.literal("Higher!") || hint.literal("Lower!")) && hint.literal(" (try 1, between ") &&
                      hint.digits() && hint.literal(" and ") && hint.digits() &&
                      hint.literal(")\nYour guess (1-10): ") && hint.done();
  EXPECT_TRUE(hinted || shown == "You won! It was 5, found in 1 tries. Play again? (y/n)\nPlay again? (y/n): ") << shown;
  person.stop_typing();
  EXPECT_EQ(person.wait_for("Connection ended.\n"), "\nFIN\nConnection ended.\n");
  EXPECT_EQ(person.process().wait(5s), 0);
}

}  // namespace
}  // namespace liaison::testing
