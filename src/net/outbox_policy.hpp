// The slow-reader policy every transport applies to what it has queued for a
// client (TCP players, WebSocket players, the page's event streams), without
// Asio: how many bytes wait, the bound, the news dropped beyond it, when the
// "N message(s) perdu(s)" notice is due, and when the whole stream must go
// (its blocked write cancelled). The transports keep their own queue (bytes
// for TCP, frames for WebSocket, events for a page) and tell the policy what
// goes in and out of it.
#pragma once

#include <cstddef>

namespace liaison::net {

// What a transport does with a client that leaves too much unread.
enum class OnOverflow {
  // Players: news beyond the bound are dropped and counted (a notice tells
  // how many once the queue is empty); replies are always queued, and the
  // conversation ends when they leave more than the bound unread.
  drop_news,
  // The page's event streams: the first event that does not fit ends the
  // stream (its write is cancelled); the page reconnects for a fresh snapshot.
  drop_reader,
};

// What to do with one piece of news.
enum class Offer {
  queue,     // queue it (queued() counts it)
  drop,      // drop it (a player's news: counted, a notice will tell; a page's once it is over: nothing)
  overflow,  // the stream is over: cancel its blocked write, queue nothing more
};

class OutboxPolicy {
 public:
  OutboxPolicy(std::size_t bound, OnOverflow on_overflow) : bound_(bound), on_overflow_(on_overflow) {}

  // News of `size` bytes is ready for the client. The players' bound is
  // checked before the news (a queue within it takes one more message, of
  // any size); a page's with it (the queue never holds more than the bound).
  Offer offer(std::size_t size);
  // Bytes that went into the queue (news offered and queued, or a reply).
  void queued(std::size_t size) { bytes_ += size; }
  // Bytes the writer took out of the queue (to write them).
  void taken(std::size_t size) { bytes_ -= size; }

  // More than the bound waits: a player does not read its replies.
  bool over() const { return bytes_ > bound_; }
  // A page's stream is over (an event did not fit, or its write was stuck).
  bool overflowed() const { return overflowed_; }
  // The write has been stuck too long: as good as too slow.
  void stuck() { overflowed_ = true; }

  // Once the queue is empty: how many news were dropped since the last
  // notice (0: no notice is due). Counting starts again from 0.
  std::size_t notice_due();

  std::size_t bytes() const { return bytes_; }
  std::size_t dropped() const { return dropped_; }

 private:
  std::size_t bound_;
  OnOverflow on_overflow_;
  std::size_t bytes_ = 0;
  std::size_t dropped_ = 0;
  bool overflowed_ = false;
};

}  // namespace liaison::net
