// One client connection driving one core::Session over TCP: the reader, the
// idle watchdog and the way a conversation ends.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

#include "core/framing.hpp"
#include "core/session.hpp"
#include "core/texts.hpp"
#include "net/asio.hpp"

namespace liaison::net {

struct ConnectionSettings {
  const core::Texts* texts = &core::texts(core::Lang::fr);
  bool verbose = false;                        // log every message
  std::chrono::seconds idle_timeout{300};      // silence before a client is let go
  std::size_t max_output = 64 * 1024;          // bytes the client leaves unread before it is cut off
  bool pushes = false;                         // the service sends news between replies (rooms)
};

class Connection;

// The live connections of one thread, so that a shutdown reaches each of them.
class ConnectionSet {
 public:
  void add(Connection& connection) { live_.insert(&connection); }
  void remove(Connection& connection) { live_.erase(&connection); }
  // Asks every connection to say goodbye and close.
  void stop_all();

 private:
  std::unordered_set<Connection*> live_;
};

// Why a conversation ended; decides how it is closed.
enum class Ending { fin, client_closed, write_failed, output_limit, idle, shutdown };

// The transport of one client. As a core::Peer it takes news a room pushes
// between replies: one writer per connection sends replies and news in order,
// and what a client too slow to read leaves queued is bounded (max_output),
// the rest dropped and counted -- a slow reader never delays anyone else.
class Connection final : public core::Peer {
 public:
  Connection(tcp::socket socket, std::unique_ptr<core::Session> session, const ConnectionSettings& settings);

  // The whole life of the connection: greeting, conversation, goodbye, close.
  // Never throws.
  asio::awaitable<void> run(ConnectionSet& set);

  // Graceful shutdown: a goodbye notice, then FIN, then the close.
  void stop();

  core::Framing framing() const override { return decoder_.framing(); }
  void deliver(std::string_view text) override;

 private:
  asio::awaitable<Ending> converse();
  asio::awaitable<Ending> watch();
  // Writes what deliver() queued, as it comes.
  asio::awaitable<Ending> relay();
  // Writes everything queued; false when the write failed.
  asio::awaitable<bool> flush();
  // Waits until the writer, whoever runs it, has sent everything queued.
  asio::awaitable<bool> flushed();
  asio::awaitable<void> end(Ending ending);
  std::string last_words_for(Ending ending) const;
  // Sends one message in the client's framing; false when the write failed.
  asio::awaitable<bool> send(std::string_view text);
  bool over_output_limit() const;

  tcp::socket socket_;
  std::unique_ptr<core::Session> session_;
  const ConnectionSettings& settings_;
  core::Decoder decoder_;
  std::string peer_;
  asio::steady_timer watchdog_;
  std::chrono::steady_clock::time_point deadline_;
  bool stop_requested_ = false;
  std::string queued_;     // encoded bytes waiting for the writer
  bool writing_ = false;   // a flush() is under way: it takes what is queued meanwhile
  bool write_failed_ = false;
  std::size_t dropped_ = 0;  // news not queued for a client too slow to read
  // Only when the service pushes: `news` wakes relay(), `flushed` tells a
  // waiting converse() that the writer is done.
  struct PushSignals {
    explicit PushSignals(const asio::any_io_executor& executor) : news(executor), flushed(executor) {}
    asio::steady_timer news;
    asio::steady_timer flushed;
  };
  std::optional<PushSignals> push_signals_;
};

// Sends a notice and FIN to a client that cannot be served, then closes.
asio::awaitable<void> turn_away(tcp::socket socket, std::string notice);

}  // namespace liaison::net
