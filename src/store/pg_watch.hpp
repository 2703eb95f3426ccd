// Listens to PostgreSQL for the games other servers write: a connection of
// its own, on a thread of its own (never a game loop's), that LISTENs to the
// channel the games' trigger notifies (pg_migrations.cpp, step 3) and calls
// back on every notification. When the server goes away it connects again,
// with backoff, LISTENs again and calls `reconnected`: what was notified
// meanwhile is lost, so the tables are read again then.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "store/backoff.hpp"

namespace liaison::store::pg {

// The channel the games' trigger notifies, once per transaction.
inline constexpr const char* games_channel = "liaison_games";
// The channel the shared rounds' trigger notifies (pg_migrations.cpp, step 4).
inline constexpr const char* rooms_channel = "liaison_rooms";

class Watch {
 public:
  struct Callbacks {
    std::function<void()> notified;     // another server's (or ours) games were committed
    std::function<void()> reconnected;  // listening again, after the first time or an outage
  };

  // Starts listening at once (on its thread); `callbacks` run on that thread.
  Watch(std::string conninfo, Backoff::Settings backoff, Callbacks callbacks, std::string channel = games_channel);
  // Stops listening and joins the thread: no callback runs after it.
  ~Watch();
  Watch(const Watch&) = delete;
  Watch& operator=(const Watch&) = delete;

 private:
  struct Loop;
  std::unique_ptr<Loop> loop_;
};

}  // namespace liaison::store::pg
