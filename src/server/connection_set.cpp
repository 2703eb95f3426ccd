#include "server/connection_set.hpp"

#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

#include "server/tcp_connection.hpp"

namespace liaison::server {

using Clock = std::chrono::steady_clock;

void ConnectionSet::add(Connection& connection) {
  live_.insert(&connection);
  if (!std::exchange(sweeping_, true)) asio::co_spawn(executor_, sweep(), asio::detached);
}

void ConnectionSet::stop_all() {
  // stop() may end a connection, which removes it: iterate over a copy.
  const std::vector<Connection*> snapshot(live_.begin(), live_.end());
  for (Connection* connection : snapshot) connection->stop();
}

// Every connection of a listener has the same idle timeout, so a newcomer's
// deadline is never earlier than the one the sweeper sleeps until.
asio::awaitable<void> ConnectionSet::sweep() {
  asio::steady_timer alarm(executor_);
  std::vector<Connection*> expired;
  for (;;) {
    const Clock::time_point now = Clock::now();
    Clock::time_point earliest = Clock::time_point::max();
    expired.clear();
    for (Connection* connection : live_) {
      const Clock::time_point deadline = connection->deadline();
      if (deadline <= now)
        expired.push_back(connection);
      else
        earliest = std::min(earliest, deadline);
    }
    for (Connection* connection : expired) connection->expire();
    if (earliest == Clock::time_point::max()) break;  // nobody, or everyone leaving
    alarm.expires_at(earliest);
    co_await alarm.async_wait(nothrow);
  }
  sweeping_ = false;
}

}  // namespace liaison::server
