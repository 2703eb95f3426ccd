// The news a turn-based member has not seen yet (the lesson's client reads
// only right after it sends): kept, bounded, and handed over in front of the
// member's next reply, within what one reply may carry.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

#include "core/room_texts.hpp"

namespace liaison::core {

class NewsQueue {
 public:
  explicit NewsQueue(std::size_t capacity = 100) : capacity_(capacity) {}

  // Keeps `line`; beyond the capacity the oldest line is dropped (and counted).
  void add(std::string line);
  bool empty() const { return lines_.empty() && dropped_ == 0; }

  // The news, newest last, then `reply`, in at most `budget` bytes: the reply
  // is always whole; the oldest news give way first, replaced by one line
  // saying how many were not shown. Empties the queue.
  std::string take_with(std::string_view reply, std::size_t budget, const RoomTexts& texts);

  // Every line kept, oldest first; empties the queue (a member who starts
  // reading pushes gets them at once).
  std::deque<std::string> take_all(const RoomTexts& texts);

 private:
  std::size_t capacity_;
  std::deque<std::string> lines_;
  std::size_t dropped_ = 0;
};

}  // namespace liaison::core
