// One client connection driving one core::Session over TCP: the reader, the
// writer, the idle deadline and the way a conversation ends.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "core/framing.hpp"
#include "core/score_store.hpp"
#include "core/session.hpp"
#include "core/texts.hpp"
#include "net/asio.hpp"
#include "net/connection_trace.hpp"
#include "net/outbox_policy.hpp"
#include "net/server_stats.hpp"
#include "net/wakeup.hpp"
#include "server/connection_set.hpp"

namespace liaison::server {

struct ConnectionSettings {
  const core::Texts* texts = &core::texts(core::Lang::fr);
  bool verbose = false;                        // net::log every message
  std::chrono::seconds idle_timeout{300};      // silence before a client is let go
  std::size_t max_output = 64 * 1024;          // bytes the client leaves unread before it is cut off
  bool pushes = false;                         // the service sends news between replies (rooms)
  core::DeferredCommits* commits = nullptr;    // a reply that ends a game waits for its commit
  asio::any_io_executor reads{};               // where /scores reads the store (none: on the loop)
  net::ServerStats* stats = nullptr;                // counted when set
  std::optional<core::Lang> trace;             // --trace: every message of every connection on stderr
};

// Why a conversation ended; decides how it is closed.
enum class Ending { fin, client_closed, write_failed, output_limit, idle, shutdown, kicked };

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
  // When the client will have been silent too long (max() once it is leaving).
  std::chrono::steady_clock::time_point deadline() const;
  // The deadline has passed: the idle notice, then FIN, then the close.
  void expire();

  core::Framing framing() const override { return decoder_.framing(); }
  void deliver(std::string_view text) override;
  void close(std::string_view notice) override;

 private:
  asio::awaitable<Ending> converse();
  // Waits for the client's next bytes; nullopt when it closed, failed, or the
  // wait was interrupted. The view is valid until the next co_await.
  asio::awaitable<std::optional<std::string_view>> receive();
  // Cancels whatever the connection is waiting for (stop(), expire()).
  void interrupt(Ending why);
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
  // Writes as much of `bytes` as the socket takes now, without waiting.
  std::size_t write_now(std::string_view bytes);
  bool over_output_limit() const;

  tcp::socket socket_;
  std::unique_ptr<core::Session> session_;
  const ConnectionSettings& settings_;
  core::Decoder decoder_;
  std::string peer_;
  std::chrono::steady_clock::time_point deadline_;
  std::optional<Ending> interrupted_;  // idle, shutdown or kicked, once asked
  std::string kick_notice_;
  bool leaving_ = false;              // the goodbye has begun: nothing to interrupt
  // Small messages (a guess, a command) fit here: the socket reads straight
  // into it, so that waiting costs no system call; more is read at once into
  // a buffer shared by the thread's connections.
  std::array<char, 48> inbox_{};
  std::string queued_;     // encoded bytes waiting for the writer
  net::OutboxPolicy outbox_;  // counts queued_ (bounded by max_output) and the news dropped
  bool writing_ = false;   // a flush() is under way: it takes what is queued meanwhile
  bool write_failed_ = false;
  // Only when the service pushes: `news` wakes relay(), `flushed` tells a
  // waiting converse() that the writer is done.
  struct PushSignals {
    explicit PushSignals(const asio::any_io_executor& executor) : news(executor), flushed(executor) {}
    net::Wakeup news;
    net::Wakeup flushed;
  };
  std::optional<PushSignals> push_signals_;
  std::unique_ptr<net::ConnectionTrace> trace_;  // only with --trace
};

}  // namespace liaison::server
