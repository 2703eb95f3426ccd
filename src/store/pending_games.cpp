#include "store/pending_games.hpp"

#include <algorithm>

namespace liaison::store {

std::uint64_t PendingGames::push(const std::vector<core::GameRecord>& games) {
  batches_.push_back({.number = ++pushed_, .games = games});
  games_ += games.size();
  return pushed_;
}

bool PendingGames::waits(std::uint64_t number) const {
  return std::any_of(batches_.begin(), batches_.end(), [number](const Batch& batch) { return batch.number == number; });
}

std::vector<core::GameRecord> PendingGames::all() const {
  std::vector<core::GameRecord> games;
  games.reserve(games_);
  for (const Batch& batch : batches_) games.insert(games.end(), batch.games.begin(), batch.games.end());
  return games;
}

void PendingGames::pop_front() {
  games_ -= batches_.front().games.size();
  batches_.pop_front();
}

void PendingGames::clear() {
  batches_.clear();
  games_ = 0;
}

}  // namespace liaison::store
