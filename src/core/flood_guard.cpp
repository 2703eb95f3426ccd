#include "core/flood_guard.hpp"

#include <algorithm>

namespace liaison::core {

FloodGuard::Decision FloodGuard::check(Instant now) {
  using Seconds = std::chrono::duration<double>;
  if (now < muted_until_) {
    const auto left = std::chrono::ceil<std::chrono::seconds>(muted_until_ - now);
    return {.verdict = Verdict::muted, .mute_left = left};
  }
  const double elapsed = std::max(0.0, std::chrono::duration_cast<Seconds>(now - last_).count());
  last_ = now;
  tokens_ = std::min(limits_.burst, tokens_ + elapsed * limits_.rate);
  if (tokens_ >= 1.0) {
    tokens_ -= 1.0;
    warned_ = false;
    return {};
  }
  if (!warned_) {
    warned_ = true;
    return {.verdict = Verdict::warned, .mute_left = limits_.mute};
  }
  warned_ = false;
  tokens_ = limits_.burst;  // a fresh start once the mute is over
  muted_until_ = now + limits_.mute;
  return {.verdict = Verdict::muted, .mute_left = limits_.mute};
}

}  // namespace liaison::core
