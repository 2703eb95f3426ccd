#include "core/juste_prix.hpp"

#include <fmt/format.h>

#include <memory>
#include <random>

#include "core/utf8.hpp"
#include "core/words.hpp"

namespace liaison::core {

SecretSource seeded_secrets(std::uint64_t seed) {
  auto engine = std::make_shared<std::mt19937_64>(seed);
  return [engine](Bounds bounds) {
    return std::uniform_int_distribution<std::int64_t>(bounds.min, bounds.max)(*engine);
  };
}

JustePrix::JustePrix(Bounds bounds, SecretSource secrets, const Texts& texts)
    : bounds_(bounds), secrets_(std::move(secrets)), texts_(texts) {}

std::string JustePrix::greeting() {
  state_ = State::guessing;
  secret_ = secrets_(bounds_);
  tries_ = 0;
  return fmt::format(fmt::runtime(texts_.greeting), bounds_.min, bounds_.max);
}

Reply JustePrix::on_message(std::string_view text) {
  if (is_fin(text)) return goodbye();
  if (!is_valid_utf8(text)) return {.text = std::string(texts_.invalid_utf8)};
  return state_ == State::guessing ? on_guess(text) : on_replay_answer(text);
}

Reply JustePrix::on_guess(std::string_view text) {
  const ParsedNumber guess = parse_whole_number(text);
  if (guess.error || guess.value < bounds_.min || guess.value > bounds_.max)
    return {.text = explain_invalid(text)};
  ++tries_;
  if (guess.value < secret_) return {.text = std::string(texts_.higher)};
  if (guess.value > secret_) return {.text = std::string(texts_.lower)};
  ++games_won_;
  state_ = State::asking_replay;
  return {.text = fmt::format(fmt::runtime(texts_.won), secret_, tries_)};
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
  if (trim(text).empty()) return fmt::format(fmt::runtime(texts_.empty_message), bounds_.min, bounds_.max);
  const ParsedNumber guess = parse_whole_number(text);
  if (guess.error == NumberError::not_a_number)
    return fmt::format(fmt::runtime(texts_.not_a_number), bounds_.min, bounds_.max);
  const std::string shown = guess.error ? std::string(trim(text)) : std::to_string(guess.value);
  return fmt::format(fmt::runtime(texts_.out_of_range), shown, bounds_.min, bounds_.max);
}

}  // namespace liaison::core
