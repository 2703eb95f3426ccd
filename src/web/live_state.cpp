#include "web/live_state.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "web/json_views.hpp"

namespace liaison::web {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr auto leaderboard_delay = 200ms;  // wins within this make one query
constexpr std::size_t leaderboard_size = 10;

std::int64_t now_second() {
  return std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
}

boost::json::object round_object(const core::RoundView& round) {
  boost::json::array entrants;
  for (const auto& entrant : round.entrants)
    entrants.push_back({{"nickname", entrant.nickname},
                        {"tries", entrant.tries},
                        {"rank", entrant.rank},
                        {"present", entrant.present},
                        {"elsewhere", entrant.elsewhere}});
  boost::json::array podium;
  for (const auto& place : round.podium)
    podium.push_back({{"nickname", place.nickname}, {"tries", place.tries}, {"time_ms", place.time_ms}});
  boost::json::object object{{"number", round.number},
                             {"min", round.bounds.min},
                             {"max", round.bounds.max},
                             {"open_min", round.open.min},
                             {"open_max", round.open.max},
                             {"over", round.over},
                             {"found", round.found},
                             {"players", round.players_here},
                             {"shared", round.shared},
                             {"found_here", round.found_here},
                             {"entrants", std::move(entrants)},
                             {"podium", std::move(podium)}};
  if (round.over) object["secret"] = round.secret;
  return object;
}

}  // namespace

std::string sse_event(std::string_view type, const std::string& json) {
  return fmt::format("event: {}\ndata: {}\n\n", type, json);
}

LiveState::LiveState(const asio::any_io_executor& executor, LiveSettings settings)
    : executor_(executor), settings_(std::move(settings)) {
  update_leaderboard(std::vector<core::LeaderboardRow>{});  // until the store has answered
  asio::post(executor_, [this] { refresh_leaderboard(); });
}

void LiveState::named(core::PlayerKey player, std::string_view nickname) {
  if (closed_) return;
  const std::lock_guard lock(mutex_);
  players_[player] = std::string(nickname);
  if (!std::exchange(players_posted_, true)) asio::post(executor_, [this] { publish_players(); });
}

void LiveState::left(core::PlayerKey player) {
  if (closed_) return;
  const std::lock_guard lock(mutex_);
  players_.erase(player);
  if (!std::exchange(players_posted_, true)) asio::post(executor_, [this] { publish_players(); });
}

// Lock-free: a slot per second of the last minute, reset by the first guess
// of a new second (two threads at that instant may lose a guess or two).
void LiveState::guessed() {
  const std::int64_t second = now_second();
  Second& slot = seconds_[static_cast<std::size_t>(second) % seconds_.size()];
  if (slot.second.load(std::memory_order_relaxed) != second) {
    slot.count.store(0, std::memory_order_relaxed);
    slot.second.store(second, std::memory_order_relaxed);
  }
  slot.count.fetch_add(1, std::memory_order_relaxed);
}

void LiveState::game_over() {
  if (closed_ || leaderboard_posted_.exchange(true)) return;
  asio::post(executor_, [this] {
    auto timer = std::make_shared<asio::steady_timer>(executor_, leaderboard_delay);
    timer->async_wait([this, timer](const error_code&) {
      leaderboard_posted_ = false;
      refresh_leaderboard();
    });
  });
}

void LiveState::round_changed(const core::RoundView& round) {
  if (closed_) return;
  const std::lock_guard lock(mutex_);
  round_ = round;
  if (!std::exchange(round_posted_, true)) asio::post(executor_, [this] { publish_round(); });
}

std::vector<std::uint64_t> LiveState::guesses_per_second() const {
  const std::int64_t now = now_second();
  std::vector<std::uint64_t> counts;
  for (std::int64_t second = now - 60; second < now; ++second) {
    const Second& slot = seconds_[static_cast<std::size_t>(second) % seconds_.size()];
    counts.push_back(slot.second.load(std::memory_order_relaxed) == second ? slot.count.load(std::memory_order_relaxed)
                                                                           : 0);
  }
  return counts;
}

std::string LiveState::players_json() {
  boost::json::array names;
  {
    const std::lock_guard lock(mutex_);
    for (const auto& [key, nickname] : players_) names.emplace_back(nickname);
  }
  std::sort(names.begin(), names.end(),
            [](const boost::json::value& a, const boost::json::value& b) { return a.as_string() < b.as_string(); });
  const std::int64_t online = settings_.stats ? settings_.stats->connections_open.load(std::memory_order_relaxed)
                                              : static_cast<std::int64_t>(names.size());
  return boost::json::serialize(
      boost::json::object{{"service", settings_.service}, {"online", online}, {"players", std::move(names)}});
}

std::string LiveState::round_json() {
  const std::lock_guard lock(mutex_);
  return round_ ? boost::json::serialize(round_object(*round_)) : std::string("null");
}

std::string LiveState::snapshot_json() {
  boost::json::array rate;
  for (std::uint64_t count : guesses_per_second()) rate.push_back(count);
  boost::json::object snapshot{
      {"service", settings_.service},
      {"lang", settings_.lang == core::Lang::en ? "en" : "fr"},
      {"tcp_host", settings_.tcp.address().to_string()},
      {"tcp_port", settings_.tcp.port()},
      {"players", boost::json::parse(players_json())},
      {"round", boost::json::parse(round_json())},
      {"leaderboard", boost::json::parse(leaderboard_)},
      {"rate", std::move(rate)},
  };
  return boost::json::serialize(snapshot);
}

void LiveState::subscribe(EventSink& sink) {
  sinks_.insert(&sink);
  sink.push(sse_event("snapshot", snapshot_json()));
  if (!std::exchange(ticking_, true)) asio::co_spawn(executor_, tick(), asio::detached);
}

void LiveState::unsubscribe(EventSink& sink) { sinks_.erase(&sink); }

void LiveState::publish_players() {
  {
    const std::lock_guard lock(mutex_);
    players_posted_ = false;
  }
  broadcast("players", players_json());
}

void LiveState::publish_round() {
  {
    const std::lock_guard lock(mutex_);
    round_posted_ = false;
  }
  broadcast("round", round_json());
}

void LiveState::refresh_leaderboard() {
  if (!settings_.store || !settings_.reads) return;
  asio::post(settings_.reads, [this] {
    std::vector<core::LeaderboardRow> rows;
    std::string failure;
    try {
      rows = settings_.store->leaderboard(leaderboard_size);
    } catch (const std::exception& error) {
      failure = error.what();
    }
    asio::post(executor_, [this, rows = std::move(rows), failure = std::move(failure)] {
      if (failure.empty() ? update_leaderboard(rows) : update_leaderboard(failure))
        broadcast("leaderboard", leaderboard_);
    });
  });
}

bool LiveState::update_leaderboard(const std::string& failure) {
  std::string failed =
      boost::json::serialize(boost::json::object{{"players", boost::json::array{}}, {"error", failure}});
  if (failed == leaderboard_) return false;
  leaderboard_ = std::move(failed);
  last_rows_.clear();
  return true;
}

// Each player's move ("moved": +2 for two places up, null for a newcomer) is
// counted from the last leaderboard that differed: a refresh that finds the
// same rows (an anonymous game; the win and its commit both asking) leaves
// the page's arrows as they are.
bool LiveState::update_leaderboard(const std::vector<core::LeaderboardRow>& rows) {
  std::string plain = web::leaderboard_json(rows);
  if (plain == last_rows_) return false;
  last_rows_ = std::move(plain);
  boost::json::array players;
  std::map<std::string, int> ranks;
  int rank = 0;
  for (const core::LeaderboardRow& row : rows) {
    ranks[row.nickname] = ++rank;
    const auto before = last_ranks_.find(row.nickname);
    boost::json::object player = leaderboard_player(row, rank);
    player["moved"] = before == last_ranks_.end() ? boost::json::value(nullptr) : boost::json::value(before->second - rank);
    players.push_back(std::move(player));
  }
  last_ranks_ = std::move(ranks);
  leaderboard_ = boost::json::serialize(boost::json::object{{"players", std::move(players)}});
  return true;
}

void LiveState::broadcast(std::string_view type, const std::string& json) {
  const std::string event = sse_event(type, json);
  const std::vector<EventSink*> sinks(sinks_.begin(), sinks_.end());  // a sink may leave while pushed to
  for (EventSink* sink : sinks)
    if (sinks_.count(sink)) sink->push(event);
}

// Guesses per second, every second, while a page watches: the sparkline, and
// the heartbeat that tells a page its stream is alive.
asio::awaitable<void> LiveState::tick() {
  asio::steady_timer timer(executor_);
  while (!sinks_.empty()) {
    timer.expires_after(1s);
    co_await timer.async_wait(nothrow);
    const std::vector<std::uint64_t> counts = guesses_per_second();
    broadcast("rate", boost::json::serialize(boost::json::object{
                          {"guesses_per_s", counts.back()},
                          {"online", settings_.stats ? settings_.stats->connections_open.load() : 0}}));
  }
  ticking_ = false;
}

}  // namespace liaison::web
