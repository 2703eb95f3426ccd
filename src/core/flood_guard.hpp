// Flood control for one chat member: a token bucket. A member may send
// `burst` messages at once, then `rate` per second. The first message over
// the limit is refused with a warning; the next one over the limit mutes the
// member for `mute`. A message within the limit clears the warning.
#pragma once

#include <chrono>

#include "core/room.hpp"

namespace liaison::core {

struct FloodLimits {
  double rate = 2.0;  // messages per second, sustained
  double burst = 8;   // messages at once
  std::chrono::seconds mute{30};
};

class FloodGuard {
 public:
  enum class Verdict { pass, warned, muted };
  struct Decision {
    Verdict verdict = Verdict::pass;
    std::chrono::seconds mute_left{0};  // when muted, rounded up
  };

  FloodGuard(const FloodLimits& limits, Instant now) : limits_(limits), tokens_(limits.burst), last_(now) {}

  // Counts one message sent at `now`.
  Decision check(Instant now);

 private:
  const FloodLimits& limits_;
  double tokens_;
  Instant last_;
  Instant muted_until_{};
  bool warned_ = false;
};

}  // namespace liaison::core
