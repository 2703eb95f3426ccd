// A TCP server for any core::Session: one io_context and one listener per
// thread (SO_REUSEPORT shares the port), signals, graceful shutdown.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/session.hpp"
#include "net/address_filter.hpp"
#include "net/admission.hpp"
#include "net/asio.hpp"
#include "server/tcp_connection.hpp"
#include "server/tcp_listener.hpp"

namespace liaison::server {

struct ServerOptions {
  tcp::endpoint endpoint;
  unsigned threads = 1;
  ConnectionSettings settings;
  net::AdmissionLimits limits;
  net::AddressFilter filter;
  std::chrono::milliseconds shutdown_limit{2000};
};

class Server {
 public:
  // Binds every listener; throws boost::system::system_error when it cannot.
  Server(ServerOptions options, core::SessionFactory make_session);
  ~Server();

  tcp::endpoint local_endpoint() const { return workers_.front()->listener->local_endpoint(); }
  // The first thread's loop: where single-threaded services (rooms) live.
  asio::any_io_executor executor() { return workers_.front()->context.get_executor(); }
  // --allow/--deny, for services beside the TCP ones (the web side).
  const net::AddressFilter& filter() const { return options_.filter; }

  // Runs `hook` on the first thread when the server starts to stop (before
  // the goodbyes): for services that share the first thread's loop (the web side).
  void on_stop(std::function<void()> hook) { stop_hooks_.push_back(std::move(hook)); }

  // Serves until SIGINT or SIGTERM, then says goodbye to every client and
  // returns within the shutdown limit. A second signal exits at once.
  void run();

 private:
  struct Worker {
    asio::io_context context{1};
    std::optional<Listener> listener;
  };

  void on_first_signal(int signal_number);
  asio::awaitable<void> wait_for_goodbyes();
  // A client left (any thread): the last one during the shutdown wakes wait_for_goodbyes().
  void released();

  ServerOptions options_;
  ListenerContext shared_;
  net::Admission admission_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::optional<asio::signal_set> signals_;
  std::vector<std::function<void()>> stop_hooks_;
  std::atomic<bool> stopping_{false};
  std::optional<asio::steady_timer> goodbyes_;  // on the first thread: waits for the last goodbye
};

}  // namespace liaison::server
