#include "core/news_queue.hpp"

#include <fmt/format.h>

#include <utility>
#include <vector>

namespace liaison::core {

void NewsQueue::add(std::string line) {
  if (capacity_ == 0) {
    ++dropped_;
    return;
  }
  if (lines_.size() == capacity_) {
    lines_.pop_front();
    ++dropped_;
  }
  lines_.push_back(std::move(line));
}

std::string NewsQueue::take_with(std::string_view reply, std::size_t budget, const RoomTexts& texts) {
  // Newest first until the budget is spent: each line costs its bytes and a "\n".
  std::size_t used = reply.size();
  std::size_t shown = 0;
  for (auto line = lines_.rbegin(); line != lines_.rend(); ++line) {
    if (used + line->size() + 1 > budget) break;
    used += line->size() + 1;
    ++shown;
  }
  std::size_t hidden = dropped_ + lines_.size() - shown;
  std::string notice = hidden ? texts.news_dropped.format(hidden) : std::string();
  // The notice needs room too: give up news lines until it fits.
  while (hidden && shown && used + notice.size() + 1 > budget) {
    used -= lines_[lines_.size() - shown].size() + 1;
    --shown;
    notice = texts.news_dropped.format(++hidden);
  }
  std::string text;
  if (hidden && used + notice.size() + 1 <= budget) (text += notice) += '\n';
  for (std::size_t i = lines_.size() - shown; i < lines_.size(); ++i) (text += lines_[i]) += '\n';
  text += reply;
  lines_.clear();
  dropped_ = 0;
  return text;
}

std::deque<std::string> NewsQueue::take_all(const RoomTexts& texts) {
  std::deque<std::string> lines;
  lines.swap(lines_);
  if (dropped_) lines.push_front(texts.news_dropped.format(dropped_));
  dropped_ = 0;
  return lines;
}

}  // namespace liaison::core
