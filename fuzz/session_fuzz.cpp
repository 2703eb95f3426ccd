// Fuzzes the sessions: the input is cut into messages and played against
// JustePrix (fixed seed) and Echo through core::answer, each reply checked
// against what the service must say.
//
// Input layout: byte 0 = separator; byte 1 = options (bit 0: English); the
// rest is split on the separator into messages. A message over 1024 bytes
// arrives as too long, as the Decoder would deliver it.
#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/echo.hpp"
#include "core/framing.hpp"
#include "core/juste_prix.hpp"
#include "core/room_texts.hpp"
#include "core/session.hpp"
#include "core/texts.hpp"
#include "core/user_text.hpp"
#include "core/utf8.hpp"
#include "core/words.hpp"

namespace {

using namespace liaison::core;

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "session_fuzz: invariant broken: %s\n", what);
  std::abort();
}

constexpr Bounds bounds{.min = 1, .max = 100};

bool is_verdict(std::string_view reply) {
  for (std::string_view word : {"C'est plus", "C'est moins", "Gagné", "Higher", "Lower", "You won"})
    if (reply.starts_with(word)) return true;
  return false;
}

// True when `message` is a guess the game must judge: a whole number in range.
bool is_guess(const Message& message) {
  if (message.too_long || is_fin(message.text) || !is_valid_utf8(message.text)) return false;
  const ParsedNumber number = parse_whole_number(message.text);
  return !number.error && number.value >= bounds.min && number.value <= bounds.max;
}

// What every reply of every service must be.
void check_reply(const Reply& reply) {
  check(!reply.text.empty(), "replies are not empty");
  check(is_valid_utf8(reply.text), "replies are valid UTF-8");
  check(reply.last == (reply.text == fin), "a reply is FIN exactly when it is the last");
}

// The solo game's commands answer at any time and change nothing else.
bool is_command(std::string_view text) {
  text = trim(text);
  return text == "/scores" || text == "/nick" || text.starts_with("/nick ");
}

std::string command_reply(std::string_view text, Lang lang) {
  text = trim(text);
  const RoomTexts& room = room_texts(lang);
  if (text == "/scores") return std::string(room.scores_unavailable);  // no store here
  const std::string_view nickname = trim(text.substr(5));
  if (!is_valid_nickname(nickname)) return room.nickname_invalid.format(max_nickname_chars);
  return room.you_are_now.format(nickname);
}

std::string too_long_notice(const Texts& t) { return t.too_long.format(max_message_bytes); }

void play_juste_prix(const std::vector<Message>& messages, const Texts& t, Lang lang) {
  JustePrix game(bounds, seeded_secrets(2024), t, Scoring{.store = nullptr, .now = {}, .lang = lang});
  const std::string greeting = game.greeting();
  check(greeting == t.greeting.format(bounds.min, bounds.max), "greeting names the bounds");
  bool guessing = true;
  int tries = 0;
  for (const Message& message : messages) {
    const std::int64_t secret = game.secret();
    check(secret >= bounds.min && secret <= bounds.max, "the secret is within the bounds");
    const Reply reply = answer(game, message, t);  // exactly one reply per message
    check_reply(reply);
    if (is_verdict(reply.text)) check(guessing && is_guess(message), "verdicts only answer in-range numbers");

    if (message.too_long) {
      check(reply.text == too_long_notice(t), "too-long messages get the notice");
    } else if (is_fin(message.text)) {
      check(reply.last, "FIN ends the game");
    } else if (!is_valid_utf8(message.text)) {
      check(reply.text == t.invalid_utf8, "invalid UTF-8 gets the notice");
    } else if (is_command(message.text)) {
      check(reply.text == command_reply(message.text, lang), "/nick and /scores are answered in place");
    } else if (guessing) {
      if (is_guess(message)) {
        ++tries;
        const std::int64_t guess = parse_whole_number(message.text).value;
        if (guess < secret) {
          check(reply.text == t.higher, "a low guess is answered higher");
        } else if (guess > secret) {
          check(reply.text == t.lower, "a high guess is answered lower");
        } else {
          check(reply.text == t.won.format(secret, tries), "the right guess wins");
          guessing = false;
        }
      } else {
        check(!reply.last, "invalid guesses do not end the game");
      }
    } else {
      switch (parse_yes_no(message.text)) {
        case Answer::yes:
          check(reply.text == greeting, "yes starts a new game");
          guessing = true;
          tries = 0;
          break;
        case Answer::no: check(reply.last, "no ends the game"); break;
        case Answer::other: check(reply.text == t.replay_question, "other answers repeat the question"); break;
      }
    }
    check(game.tries() == tries, "only valid guesses count as tries");
    if (reply.last) return;
  }
}

void play_echo(const std::vector<Message>& messages, const Texts& t) {
  Echo echo(t);
  const std::string greeting = echo.greeting();
  check(!greeting.empty() && is_valid_utf8(greeting), "echo greeting");
  for (const Message& message : messages) {
    const Reply reply = answer(echo, message, t);  // exactly one reply per message
    check_reply(reply);
    check(!is_verdict(reply.text), "echo never gives verdicts");
    if (message.too_long) {
      check(reply.text == too_long_notice(t), "too-long messages get the notice");
    } else if (trim(message.text) == "exit" || is_fin(message.text)) {
      check(reply.last, "exit and FIN end the echo");
    } else if (!is_valid_utf8(message.text)) {
      check(reply.text == t.invalid_utf8, "invalid UTF-8 gets the notice");
    } else {
      check(reply.text == std::string(t.echo_prefix) + message.text, "messages are echoed");
    }
    if (reply.last) return;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const char separator = static_cast<char>(data[0]);
  const Lang lang = (data[1] & 1U) != 0 ? Lang::en : Lang::fr;
  const Texts& t = texts(lang);
  std::string_view rest(reinterpret_cast<const char*>(data + 2), size - 2);

  std::vector<Message> messages;
  while (true) {
    const std::size_t end = rest.find(separator);
    const std::string_view text = rest.substr(0, end);
    if (text.size() > max_message_bytes)
      messages.push_back({.text = {}, .too_long = true});
    else
      messages.push_back({.text = std::string(text), .too_long = false});
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }

  play_juste_prix(messages, t, lang);
  play_echo(messages, t);
  return 0;
}
