// What the multi-user services (salon, partie) share: time as the caller gives
// it, members' identities, and the alarm a room sets to be woken later. Rooms
// are pure: they never read a clock or start a timer themselves.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace liaison::core {

using Instant = std::chrono::steady_clock::time_point;
// Reads the time: the server passes the steady clock, tests a hand-turned one.
using Now = std::function<Instant()>;

using MemberId = std::uint64_t;

// A room asks to be woken at `when` (the end of a round, of a pause) through
// this; the transport calls the room's on_alarm() at that time or later. A
// later call replaces the earlier wish.
class Alarm {
 public:
  virtual void wake_at(Instant when) = 0;

 protected:
  ~Alarm() = default;
};

}  // namespace liaison::core
