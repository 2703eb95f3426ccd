#include "client/play_client.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "core/display.hpp"
#include "core/guesser.hpp"
#include "core/player_texts.hpp"
#include "core/words.hpp"
#include "client/timed_line_socket.hpp"

namespace liaison::client {
namespace {

using core::ReplyKind;

// Why playing cannot go on; what() is the sentence for the user.
struct PlayError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct AllTexts {
  const core::Texts& game;
  const core::PlayerTexts& player;
};

void say(std::string_view line) {
  fmt::print("{}\n", line);
  std::fflush(stdout);
}

void ask(std::string_view prompt) {
  fmt::print("{}", prompt);
  std::fflush(stdout);
}

// The line conversation with the server, where every failure becomes a PlayError.
class Conversation {
 public:
  Conversation(TimedLineSocket& client, AllTexts texts, double timeout_seconds)
      : client_(client), texts_(texts), timeout_seconds_(timeout_seconds) {}

  void send(std::string_view text) {
    if (!client_.send_line(text)) throw PlayError(std::string(texts_.game.server_vanished));
  }

  // The server's next line, made harmless for the terminal that shows it.
  std::string receive() {
    const ReceivedLine line = client_.read_line();
    if (line.status == LineStatus::timed_out) throw PlayError(texts_.player.no_answer.format(timeout_seconds_));
    if (line.status == LineStatus::closed) throw PlayError(std::string(texts_.game.server_vanished));
    return core::printable(line.text);
  }

  bool has_unread() { return client_.has_unread(); }

 private:
  TimedLineSocket& client_;
  AllTexts texts_;
  double timeout_seconds_;
};

// --auto: wins every game by bisection, printing each move and each answer.
class AutoPlayer {
 public:
  AutoPlayer(Conversation& conversation, AllTexts texts, int games)
      : conversation_(conversation), texts_(texts), games_(games) {}

  void run() {
    std::string greeting = receive_shown();
    for (int game = 1;; ++game) {
      total_tries_ += play_game(bounds_in(greeting));
      if (game == games_) break;
      greeting = expect(exchange(texts_.game.yes_short), ReplyKind::greeting);
    }
    expect(exchange(texts_.game.no_short), ReplyKind::fin_word);
    say(texts_.player.summary.format(games_, total_tries_));
  }

 private:
  // Returns the tries the game took.
  int play_game(core::Bounds bounds) {
    core::Guesser guesser(bounds);
    for (int tries = 1;; ++tries) {
      const std::string reply = exchange(std::to_string(guesser.guess()));
      const ReplyKind kind = core::classify_reply(reply);
      if (kind == ReplyKind::won) return tries;
      if (kind != ReplyKind::higher && kind != ReplyKind::lower) throw unexpected(reply);
      if (!guesser.take(kind == ReplyKind::higher ? core::Verdict::higher : core::Verdict::lower))
        throw PlayError(std::string(texts_.player.contradiction));
    }
  }

  // Sends `move` and returns the answer, both printed.
  std::string exchange(std::string_view move) {
    say(texts_.player.move.format(move));
    conversation_.send(move);
    return receive_shown();
  }

  std::string receive_shown() {
    std::string reply = conversation_.receive();
    say(reply);
    return reply;
  }

  core::Bounds bounds_in(std::string_view greeting) const {
    const auto bounds = core::parse_bounds(greeting);
    if (!bounds) throw PlayError(texts_.player.no_bounds.format(greeting));
    return *bounds;
  }

  std::string expect(std::string reply, ReplyKind kind) const {
    if (core::classify_reply(reply) != kind) throw unexpected(reply);
    return reply;
  }

  PlayError unexpected(std::string_view reply) const {
    return PlayError(texts_.player.unexpected_answer.format(reply));
  }

  Conversation& conversation_;
  AllTexts texts_;
  int games_;
  int total_tries_ = 0;
};

// A person plays: each line typed goes to the server, the server referees,
// and its answers are shown with the tries so far and what is still possible.
class InteractivePlayer {
 public:
  InteractivePlayer(Conversation& conversation, AllTexts texts) : conversation_(conversation), texts_(texts) {}

  void run() {
    const std::string greeting = conversation_.receive();
    start_game(greeting);
    say(greeting);
    while (!finished_) {
      prompt();
      std::string typed;
      if (!std::getline(std::cin, typed)) return end_of_input();
      show_unread();
      if (finished_) return;
      conversation_.send(typed);
      on_reply(conversation_.receive(), core::parse_whole_number(typed));
    }
  }

 private:
  void start_game(std::string_view greeting) {
    game_bounds_ = remaining_ = core::parse_bounds(greeting);
    tries_ = 0;
    asking_replay_ = false;
  }

  void prompt() const {
    if (asking_replay_) return ask(texts_.player.replay_prompt.format(texts_.game.yes_short, texts_.game.no_short));
    if (!game_bounds_) return ask(texts_.player.guess_prompt_no_range);
    ask(texts_.player.guess_prompt.format(game_bounds_->min, game_bounds_->max));
  }

  void on_reply(const std::string& reply, core::ParsedNumber guess) {
    switch (core::classify_reply(reply)) {
      case ReplyKind::higher: return on_hint(reply, guess, core::Verdict::higher);
      case ReplyKind::lower: return on_hint(reply, guess, core::Verdict::lower);
      case ReplyKind::won:
      case ReplyKind::replay_question: asking_replay_ = true; break;
      case ReplyKind::greeting: start_game(reply); break;
      case ReplyKind::fin_word: finished_ = true; break;
      case ReplyKind::invalid: break;
    }
    say(reply);
    if (finished_) say(texts_.game.connection_ended);
  }

  void on_hint(std::string_view reply, core::ParsedNumber guess, core::Verdict hint) {
    ++tries_;
    if (remaining_ && !guess.error) remaining_ = core::narrow(*remaining_, guess.value, hint).value_or(*remaining_);
    if (!remaining_) return say(texts_.player.hint_no_range.format(reply, tries_));
    say(texts_.player.hint.format(reply, tries_, remaining_->min, remaining_->max));
  }

  // What the server said on its own while the person was typing, such as a
  // notice followed by FIN when it ends an idle game.
  void show_unread() {
    while (!finished_ && conversation_.has_unread()) on_reply(conversation_.receive(), {});
  }

  // The person is done typing: say FIN, the server answers FIN.
  void end_of_input() {
    say("");
    show_unread();
    if (finished_) return;
    conversation_.send(core::fin);
    const std::string reply = conversation_.receive();
    if (core::classify_reply(reply) != ReplyKind::fin_word) throw PlayError(texts_.player.unexpected_answer.format(reply));
    on_reply(reply, {});
  }

  Conversation& conversation_;
  AllTexts texts_;
  std::optional<core::Bounds> game_bounds_;  // from the greeting
  std::optional<core::Bounds> remaining_;    // what the answers still allow
  int tries_ = 0;
  bool asking_replay_ = false;
  bool finished_ = false;
};

std::chrono::milliseconds to_milliseconds(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
}

}  // namespace

int run_play_client(const PlayOptions& options) {
  const AllTexts texts{.game = core::texts(options.lang), .player = core::player_texts(options.lang)};
  TimedLineSocket client(to_milliseconds(options.timeout_seconds));
  if (!client.connect(options.host, options.port)) {
    fmt::print(stderr, "{}\n", texts.game.connection_failed);
    return 1;
  }
  Conversation conversation(client, texts, options.timeout_seconds);
  try {
    if (options.automatic) AutoPlayer(conversation, texts, options.games).run();
    else InteractivePlayer(conversation, texts).run();
  } catch (const PlayError& error) {
    fmt::print(stderr, "{}\n", error.what());
    return 1;
  }
  return 0;
}

}  // namespace liaison::client
