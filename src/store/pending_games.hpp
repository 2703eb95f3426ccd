// The games waiting for a PostgreSQL server that cannot be reached, oldest
// first, in the batches they came in: bounded, so that a long outage costs a
// known amount of memory; the games that do not fit are refused at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

#include "core/score_store.hpp"

namespace liaison::store {

class PendingGames {
 public:
  struct Batch {
    std::uint64_t number;
    std::vector<core::GameRecord> games;
  };

  explicit PendingGames(std::size_t capacity) : capacity_(capacity) {}

  bool fits(std::size_t games) const { return games_ + games <= capacity_; }
  // Queues a batch (fits() said it may) and returns its number.
  std::uint64_t push(const std::vector<core::GameRecord>& games);
  // True while the batch `number` waits.
  bool waits(std::uint64_t number) const;

  bool empty() const { return batches_.empty(); }
  std::size_t games() const { return games_; }
  std::size_t batches() const { return batches_.size(); }
  // Every game waiting, oldest first.
  std::vector<core::GameRecord> all() const;
  const Batch& front() const { return batches_.front(); }
  void pop_front();
  void clear();

 private:
  std::size_t capacity_;
  std::size_t games_ = 0;
  std::uint64_t pushed_ = 0;
  std::deque<Batch> batches_;
};

}  // namespace liaison::store
