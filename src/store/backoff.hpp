// How long to wait before the next attempt to reach a server that went away:
// doubling from `first` up to `cap`, each delay drawn at random between its
// half and its whole (jitter), so that the servers of a school that lost
// their database at the same instant do not all knock at the same instants.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace liaison::store {

class Backoff {
 public:
  struct Settings {
    std::chrono::milliseconds first{100};
    std::chrono::milliseconds cap{2000};
  };

  explicit Backoff(Settings settings, std::uint64_t seed = std::random_device{}());

  // The delay before the next attempt; each call doubles the next one.
  std::chrono::milliseconds next();
  // The server answered: the next outage starts again from `first`.
  void reset() { failures_ = 0; }

 private:
  Settings settings_;
  int failures_ = 0;
  std::minstd_rand random_;
};

}  // namespace liaison::store
