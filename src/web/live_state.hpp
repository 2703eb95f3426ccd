// What the projected page shows, kept up to date from the games' Activity
// (any thread) and told to the page's event streams (on the web thread):
// the players here, the round, the leaderboard, and guesses per second.
// Bursts are coalesced: many arrivals in one turn of the loop make one
// "players" event, a busy minute of wins one leaderboard query per 200 ms.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/activity.hpp"
#include "core/score_store.hpp"
#include "core/texts.hpp"
#include "net/asio.hpp"
#include "net/server_stats.hpp"

namespace liaison::web {

// One open event stream: gets whole events ("event: x\ndata: {...}\n\n").
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void push(const std::string& event) = 0;
};

struct LiveSettings {
  std::string service;         // "juste-prix", "partie", "salon", "echo"
  core::Lang lang = core::Lang::fr;
  asio::ip::tcp::endpoint tcp;      // where the TCP players connect
  core::ScoreStore* store = nullptr;
  // Where the store is read: a thread of its own, never a game loop (a
  // database far away, or down, must not hold the games up).
  asio::any_io_executor reads;
  net::ServerStats* stats = nullptr;
};

class LiveState final : public core::Activity {
 public:
  LiveState(const asio::any_io_executor& executor, LiveSettings settings);

  // core::Activity: from any thread.
  void named(core::PlayerKey player, std::string_view nickname) override;
  void left(core::PlayerKey player) override;
  void guessed() override;
  void game_over() override;
  void round_changed(const core::RoundView& round) override;

  // The server has stopped: from now on the Activity calls do nothing
  // (sessions destroyed with the loops must not post to them).
  void close() { closed_ = true; }

  // On the web thread.
  void subscribe(EventSink& sink);  // gets the snapshot at once, then every change
  void unsubscribe(EventSink& sink);
  std::string players_json();
  std::string round_json();
  std::string snapshot_json();
  // Guesses in each of the last 60 whole seconds, oldest first.
  std::vector<std::uint64_t> guesses_per_second() const;

 private:
  struct Second {
    std::atomic<std::int64_t> second{-1};
    std::atomic<std::uint64_t> count{0};
  };

  void publish_players();  // web thread
  void publish_round();
  // Reads the leaderboard on the reads' thread, then shows it here.
  void refresh_leaderboard();
  asio::awaitable<void> tick();  // once a second while someone watches
  void broadcast(std::string_view type, const std::string& json);
  // Keeps what the store answered (rows, or why it could not) in
  // leaderboard_; true when it changed.
  bool update_leaderboard(const std::vector<core::LeaderboardRow>& rows);
  bool update_leaderboard(const std::string& failure);

  asio::any_io_executor executor_;
  LiveSettings settings_;
  std::mutex mutex_;  // guards what the game threads write
  std::map<core::PlayerKey, std::string> players_;
  std::optional<core::RoundView> round_;
  bool players_posted_ = false;
  bool round_posted_ = false;
  std::atomic<bool> leaderboard_posted_{false};
  std::atomic<bool> closed_{false};
  std::array<Second, 61> seconds_{};
  // Web thread only.
  std::set<EventSink*> sinks_;
  bool ticking_ = false;
  std::map<std::string, int> last_ranks_;  // nickname -> rank in the last leaderboard sent
  std::string leaderboard_;                // the last leaderboard sent (JSON, with moves)
  std::string last_rows_;                  // the same rows without moves: what a refresh compares
};

std::string sse_event(std::string_view type, const std::string& json);

}  // namespace liaison::web
