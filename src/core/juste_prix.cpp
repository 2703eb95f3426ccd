#include "core/juste_prix.hpp"

#include <fmt/format.h>

#include <memory>
#include <random>

#include "core/activity.hpp"
#include "core/leaderboard_text.hpp"
#include "core/room_texts.hpp"
#include "core/user_text.hpp"
#include "core/utf8.hpp"
#include "core/words.hpp"

namespace liaison::core {

std::uint64_t mix_bits(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

namespace {

// SplitMix64: eight bytes of state, where std::mt19937_64 holds 2.5 KB -- and
// every connection has its own source. Plenty for guessing games.
class SplitMix64 {
 public:
  using result_type = std::uint64_t;
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }
  result_type operator()() { return mix_bits(state_ += 0x9E3779B97F4A7C15ULL); }

 private:
  std::uint64_t state_;
};

}  // namespace

SecretSource seeded_secrets(std::uint64_t seed) {
  auto engine = std::make_shared<SplitMix64>(seed);  // copies of the source share one sequence
  return [engine](Bounds bounds) {
    return std::uniform_int_distribution<std::int64_t>(bounds.min, bounds.max)(*engine);
  };
}

JustePrix::JustePrix(Bounds bounds, SecretSource secrets, const Texts& texts, Scoring scoring)
    : bounds_(bounds), secrets_(std::move(secrets)), texts_(texts), scoring_(std::move(scoring)) {}

JustePrix::~JustePrix() {
  if (scoring_.activity && !nickname_.empty()) scoring_.activity->left(key());
}

std::uint64_t JustePrix::key() const { return reinterpret_cast<std::uintptr_t>(this); }

std::string JustePrix::greeting() {
  state_ = State::guessing;
  secret_ = secrets_(bounds_);
  tries_ = 0;
  if (scoring_.now) started_ = scoring_.now();
  return texts_.greeting.format(bounds_.min, bounds_.max);
}

Reply JustePrix::on_message(std::string_view text) {
  if (is_fin(text)) return goodbye();
  if (!is_valid_utf8(text)) return {.text = std::string(texts_.invalid_utf8)};
  if (auto reply = on_command(text)) return {.text = std::move(*reply)};
  return state_ == State::guessing ? on_guess(text) : on_replay_answer(text);
}

Reply JustePrix::on_guess(std::string_view text) {
  const ParsedNumber guess = parse_whole_number(text);
  if (guess.error || !bounds_.contains(guess.value)) return {.text = explain_invalid(text)};
  ++tries_;
  if (scoring_.activity) scoring_.activity->guessed();
  const Verdict verdict = judge(guess.value, secret_);
  if (verdict == Verdict::higher) return {.text = std::string(texts_.higher)};
  if (verdict == Verdict::lower) return {.text = std::string(texts_.lower)};
  ++games_won_;
  state_ = State::asking_replay;
  std::string recorded = record_win();
  if (scoring_.activity) scoring_.activity->game_over();
  return {.text = std::move(recorded) + texts_.won.format(secret_, tries_)};
}

Reply JustePrix::on_replay_answer(std::string_view text) {
  switch (parse_yes_no(text)) {
    case Answer::yes: return {.text = greeting()};
    case Answer::no: return goodbye();
    case Answer::other: break;
  }
  return {.text = std::string(texts_.replay_question)};
}

std::string JustePrix::explain_invalid(std::string_view text) const {
  if (trim(text).empty()) return texts_.empty_message.format(bounds_.min, bounds_.max);
  const ParsedNumber guess = parse_whole_number(text);
  if (guess.error == NumberError::not_a_number) return texts_.not_a_number.format(bounds_.min, bounds_.max);
  const std::string shown = guess.error ? std::string(trim(text)) : std::to_string(guess.value);
  return texts_.out_of_range.format(shown, bounds_.min, bounds_.max);
}

}  // namespace liaison::core

namespace liaison::core {

std::optional<std::string> JustePrix::on_command(std::string_view text) {
  text = trim(text);
  const RoomTexts& room = room_texts(scoring_.lang);
  if (text == "/scores") {
    if (!scoring_.store) return std::string(room.scores_unavailable);
    slow_line_ = scores_line(*scoring_.store, scoring_.lang, max_message_bytes);
    return std::string(room.scores_late);
  }
  if (text.starts_with("/nick ") || text == "/nick") {
    const std::string_view nickname = trim(text.substr(5));
    if (!is_valid_nickname(nickname)) return room.nickname_invalid.format(max_nickname_chars);
    nickname_ = std::string(nickname);
    if (scoring_.activity) scoring_.activity->named(key(), nickname_);
    return room.you_are_now.format(nickname_);
  }
  return std::nullopt;
}

// Records the game just won; a line for the reply when that failed.
std::string JustePrix::record_win() {
  if (!scoring_.store) return {};
  const auto duration = scoring_.now ? scoring_.now() - started_ : Instant::duration::zero();
  try {
    scoring_.store->record({{.mode = GameMode::solo,
                             .nickname = nickname_,
                             .round = 0,
                             .min = bounds_.min,
                             .max = bounds_.max,
                             .secret = secret_,
                             .found = true,
                             .tries = tries_,
                             .duration = std::chrono::duration_cast<std::chrono::milliseconds>(duration),
                             .rank = 0}});
    return {};
  } catch (const std::exception& error) {
    return std::string(error.what()) + "\n";
  }
}

}  // namespace liaison::core
