// The server's side of a `liaison connect` conversation, shared by the
// lesson's client and the duplex client: the connection, what the server
// said (cut into messages), saying something (cut to what one recv(1024)
// takes, then framed), whether we said FIN, and how long the server has to
// answer it. What the person sees and types stays with each client.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "client/lesson_client.hpp"
#include "client/server_inbox.hpp"
#include "net/asio.hpp"
#include "net/connection_trace.hpp"

namespace liaison::client {

class ServerLink {
 public:
  // With options.trace, every message both ways and the close go to `trace_sink`.
  ServerLink(const asio::any_io_executor& executor, const ClientOptions& options, bool lines,
             net::ConnectionTrace::Sink trace_sink = net::trace_line);

  // Connects within a time limit; on failure the lesson's sentence is shown.
  asio::awaitable<bool> connect();

  // Whole messages received, oldest first; drained() once the server closed.
  std::optional<ServerMessage> take() { return inbox_.take(); }
  bool drained() const { return inbox_.drained(); }

  // Waits until the server has something for us (a message, a FIN, its
  // departure): for ever before our FIN; after it, at most `fin_reply_limit`
  // -- false when the server neither spoke nor closed in that time.
  asio::awaitable<bool> wait_for_server(std::chrono::steady_clock::duration fin_reply_limit);
  // The wait alone, to race against the keyboard with `||`.
  auto server_spoke() { return socket_.async_wait(tcp::socket::wait_read, nothrow); }
  // Reads what arrived without blocking, after a wait said it is there.
  void receive() { inbox_.read_from(socket_); }

  // Sends `text` cut to one message; returns true when it had to be cut. A
  // failed write is not reported here: the read that follows tells whether
  // the server said FIN or vanished.
  asio::awaitable<bool> send(std::string_view text);
  bool fin_sent() const { return fin_sent_; }

  // Ctrl-C: a FIN at once (if not said yet), so the server is not left waiting.
  void say_fin_now();
  void close();

 private:
  void trace_sent(std::string_view bytes) {
    if (trace_) trace_->sent(bytes);
  }

  const ClientOptions& options_;
  bool lines_;
  tcp::socket socket_;
  ServerInbox inbox_;
  bool fin_sent_ = false;
  net::ConnectionTrace::Sink trace_sink_;
  std::unique_ptr<net::ConnectionTrace> trace_;  // only with --trace
};

}  // namespace liaison::client
