// The live TCP connections of one thread, and their idle deadlines.
#pragma once

#include <unordered_set>
#include <utility>

#include "net/asio.hpp"

namespace liaison::server {

class Connection;

// The live connections of one thread: a shutdown reaches each of them, and
// one sweeper lets go of those silent past their idle deadline. The sweeper
// sleeps until the earliest deadline (no timer per connection, nothing at
// all while there is no client).
class ConnectionSet {
 public:
  explicit ConnectionSet(asio::any_io_executor executor) : executor_(std::move(executor)) {}

  void add(Connection& connection);
  void remove(Connection& connection) { live_.erase(&connection); }
  // Asks every connection to say goodbye and close.
  void stop_all();

 private:
  asio::awaitable<void> sweep();

  asio::any_io_executor executor_;
  std::unordered_set<Connection*> live_;
  bool sweeping_ = false;
};

}  // namespace liaison::server
