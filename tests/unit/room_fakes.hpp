// Hand-turned stand-ins for what a room gets from the transport and the app:
// a peer that records what is pushed to it, a clock, an alarm and a store.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/activity.hpp"
#include "core/framing.hpp"
#include "core/room.hpp"
#include "core/score_store.hpp"
#include "core/session.hpp"

namespace liaison::core::testing {

class FakePeer final : public Peer {
 public:
  explicit FakePeer(Framing framing = Framing::raw) : framing_(framing) {}
  Framing framing() const override { return framing_; }
  void deliver(std::string_view text) override { pushed.emplace_back(text); }
  void close(std::string_view notice) override { closed_with = std::string(notice); }
  void speaks(Framing framing) { framing_ = framing; }

  // Everything pushed since the last call.
  std::vector<std::string> take() { return std::exchange(pushed, {}); }

  std::vector<std::string> pushed;
  std::optional<std::string> closed_with;

 private:
  Framing framing_;
};

struct FakeClock {
  Instant time{std::chrono::hours(1)};
  Now now() {
    return [this] { return time; };
  }
  void advance(std::chrono::milliseconds by) { time += by; }
};

struct FakeAlarm final : Alarm {
  void wake_at(Instant when) override { wish = when; }
  std::optional<Instant> wish;
};

struct FakeStore final : ScoreStore {
  void record(const std::vector<GameRecord>& games) override {
    if (fail) throw std::runtime_error("disk full");
    ++transactions;
    recorded.insert(recorded.end(), games.begin(), games.end());
  }
  std::vector<LeaderboardRow> leaderboard(std::size_t) override { return rows; }
  std::vector<FinishedGame> history(std::size_t) override { return {}; }
  std::vector<GameRecord> recorded;
  std::vector<LeaderboardRow> rows;
  int transactions = 0;
  bool fail = false;
};

// Writes down what a session or a room reports, one line per event.
struct FakeActivity final : Activity {
  void named(PlayerKey player, std::string_view nickname) override {
    events.push_back("named " + std::to_string(player) + " " + std::string(nickname));
  }
  void left(PlayerKey player) override { events.push_back("left " + std::to_string(player)); }
  void guessed() override { ++guesses; }
  void game_over() override { events.emplace_back("game over"); }
  void round_changed(const RoundView& round) override { rounds.push_back(round); }

  std::vector<std::string> events;
  std::vector<RoundView> rounds;
  int guesses = 0;
};

}  // namespace liaison::core::testing
