#include "client/server_inbox.hpp"

#include <fmt/format.h>

#include <array>

#include "core/display.hpp"
#include "core/framing.hpp"
#include "core/utf8.hpp"

namespace liaison::client {
namespace {

// A line server that never ends its line is shown in pieces of this size
// rather than buffered without bound.
constexpr std::size_t max_pending_bytes = 64 * 1024;
// At most this much of one over-long raw message is read and thrown away at
// once; a server that keeps sending goes on in the next message.
constexpr std::size_t max_discarded_bytes = 1024 * 1024;

bool is_would_block(const error_code& error) {
  return error == asio::error::would_block || error == asio::error::try_again;
}

// `text` cut to what one message may show; the rest is counted as hidden.
ServerMessage shown_part(std::string_view text) {
  const std::string_view shown = core::utf8_prefix(text, core::max_message_bytes);
  return {.text = std::string(shown), .hidden_bytes = text.size() - shown.size()};
}

}  // namespace

std::string shown_line(const ServerMessage& message, const core::Texts& texts) {
  std::string line = fmt::format("{}{}", texts.server_label, core::printable(core::without_line_end(message.text)));
  if (message.hidden_bytes > 0) line += " " + texts.hidden_bytes.format(message.hidden_bytes);
  return line;
}

void ServerInbox::read_from(tcp::socket& socket) {
  if (lines_)
    read_lines(socket);
  else
    read_one_message(socket);
}

// One non-blocking read: the byte count, or 0 when nothing was there or the
// server closed (then closed_ is set).
std::size_t ServerInbox::read_available(tcp::socket& socket, asio::mutable_buffer buffer) {
  error_code error;
  const std::size_t size = socket.read_some(buffer, error);
  if (is_would_block(error)) return 0;
  if (error || size == 0) {
    set_closed();
    return 0;
  }
  if (trace_) trace_->received(std::string_view(static_cast<const char*>(buffer.data()), size));
  return size;
}

void ServerInbox::read_one_message(tcp::socket& socket) {
  std::array<char, core::max_message_bytes> buffer;
  const std::size_t size = read_available(socket, asio::buffer(buffer));
  if (size == 0) return;
  ServerMessage message{.text = std::string(buffer.data(), size)};
  // A full read may be the head of a longer message: its tail, already
  // here, would otherwise be shown as the answer to the next thing we say.
  if (size == buffer.size()) message.hidden_bytes = discard_available(socket);
  messages_.push_back(std::move(message));
}

std::size_t ServerInbox::discard_available(tcp::socket& socket) {
  std::array<char, 16 * 1024> buffer;
  std::size_t discarded = 0;
  while (discarded < max_discarded_bytes) {
    error_code error;
    const std::size_t size = socket.read_some(asio::buffer(buffer), error);
    if (error || size == 0) {
      if (!is_would_block(error)) set_closed();
      break;
    }
    if (trace_) trace_->received(std::string_view(buffer.data(), size));
    discarded += size;
  }
  return discarded;
}

void ServerInbox::read_lines(tcp::socket& socket) {
  std::array<char, 16 * 1024> buffer;
  const std::size_t size = read_available(socket, asio::buffer(buffer));
  pending_.append(buffer.data(), size);
}

void ServerInbox::set_closed() {
  closed_ = true;
  if (trace_) trace_->closed(core::WireClose::by_peer);
}

std::optional<ServerMessage> ServerInbox::take() {
  if (lines_) return take_line();
  if (messages_.empty()) return std::nullopt;
  ServerMessage message = std::move(messages_.front());
  messages_.pop_front();
  return message;
}

std::optional<ServerMessage> ServerInbox::take_line() {
  const auto newline = pending_.find('\n');
  // Once the server has closed, an unterminated rest is its last message
  // (a bare FIN before the server knew our framing, for one).
  const bool whole = newline != std::string::npos || closed_ || pending_.size() >= max_pending_bytes;
  if (pending_.empty() || !whole) return std::nullopt;
  const std::size_t end = newline == std::string::npos ? pending_.size() : newline + 1;
  ServerMessage message = shown_part(core::without_line_end(std::string_view(pending_).substr(0, end)));
  pending_.erase(0, end);
  return message;
}

}  // namespace liaison::client
