// Le juste prix: guess a whole number in [min, max]; the server answers
// "plus" or "moins". One game after another on the same connection.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/bounds.hpp"
#include "core/room.hpp"
#include "core/score_store.hpp"
#include "core/session.hpp"
#include "core/texts.hpp"

namespace liaison::core {

// Draws a secret in [min, max]. Injected so that tests choose the secret.
using SecretSource = std::function<std::int64_t(Bounds)>;

// A secret source from a seeded PRNG: the same seed gives the same secrets.
SecretSource seeded_secrets(std::uint64_t seed);
// A well-mixed 64-bit value from any other, e.g. a counter (SplitMix64's step).
std::uint64_t mix_bits(std::uint64_t x);

// Where won games are recorded, and what /scores and /nick answer. Without a
// store, games are not recorded and /scores says so.
class Activity;

struct Scoring {
  ScoreStore* store = nullptr;
  Now now;                 // times each game; empty: durations are 0
  Lang lang = Lang::fr;
  Activity* activity = nullptr;  // told of nicknames, guesses and wins (core/activity.hpp)
};

class JustePrix final : public Session {
 public:
  JustePrix(Bounds bounds, SecretSource secrets, const Texts& texts, Scoring scoring = {});
  ~JustePrix() override;
  JustePrix(const JustePrix&) = delete;
  JustePrix& operator=(const JustePrix&) = delete;

  std::string greeting() override;
  Reply on_message(std::string_view text) override;
  SlowLine take_slow_line() override { return std::exchange(slow_line_, {}); }

  // For tests and scoreboards.
  std::int64_t secret() const { return secret_; }
  int tries() const { return tries_; }
  int games_won() const { return games_won_; }

 private:
  enum class State { guessing, asking_replay };

  Reply on_guess(std::string_view text);
  Reply on_replay_answer(std::string_view text);
  std::string explain_invalid(std::string_view text) const;
  // /scores and /nick; nullopt for anything else.
  std::optional<std::string> on_command(std::string_view text);
  std::string record_win();
  std::uint64_t key() const;  // this player, for the Activity

  Bounds bounds_;
  SecretSource secrets_;
  const Texts& texts_;
  State state_ = State::guessing;
  Scoring scoring_;
  std::int64_t secret_ = 0;
  int tries_ = 0;
  int games_won_ = 0;
  std::string nickname_;  // empty: anonymous
  Instant started_{};
  SlowLine slow_line_;  // /scores's read, for the transport
};

}  // namespace liaison::core
