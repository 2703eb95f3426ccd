// What a server said to `liaison connect`, cut into messages the way the
// client was told to read them.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>

#include "core/texts.hpp"
#include "net/asio.hpp"
#include "net/connection_trace.hpp"

namespace liaison::client {

struct ServerMessage {
  std::string text;               // at most core::max_message_bytes
  std::size_t hidden_bytes = 0;   // what followed in the same burst, not shown
};

// How a client shows `message`: the server label, the text without its line
// end and made safe for a terminal, and a note of the bytes not shown.
std::string shown_line(const ServerMessage& message, const core::Texts& texts);

class ServerInbox {
 public:
  // lines == false: one read of up to 1024 bytes is one message, as the
  // lesson's recv(1024). lines == true: one "\n"-terminated line is one.
  explicit ServerInbox(bool lines) : lines_(lines) {}

  // Every read (and the server's close) is traced from now on, when `trace` is set.
  void trace_with(net::ConnectionTrace* trace) { trace_ = trace; }

  // Reads what the socket holds without blocking (the socket must be in
  // non-blocking mode); notes when the server has closed.
  void read_from(tcp::socket& socket);

  std::optional<ServerMessage> take();
  // The server closed and every message was taken.
  bool drained() const { return closed_ && pending_.empty() && messages_.empty(); }

 private:
  std::size_t read_available(tcp::socket& socket, asio::mutable_buffer buffer);
  void set_closed();
  void read_one_message(tcp::socket& socket);
  std::size_t discard_available(tcp::socket& socket);
  void read_lines(tcp::socket& socket);
  std::optional<ServerMessage> take_line();

  bool lines_;
  bool closed_ = false;
  net::ConnectionTrace* trace_ = nullptr;
  std::deque<ServerMessage> messages_;  // raw mode
  std::string pending_;                 // line mode: bytes of unfinished lines
};

}  // namespace liaison::client
