#include "net/connection.hpp"

#include <array>
#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "core/framing.hpp"
#include "core/words.hpp"
#include "net/endpoint.hpp"
#include "net/log.hpp"

namespace liaison::net {
namespace {

using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

constexpr auto linger_limit = 2s;

// Waits until the socket is readable, then reads what is there into a buffer
// shared by the connections of this thread: an idle connection holds no buffer.
// The view is valid until the next co_await. nullopt: end of stream or error.
asio::awaitable<std::optional<std::string_view>> read_chunk(tcp::socket& socket) {
  thread_local std::array<char, 64 * 1024> buffer;
  for (;;) {
    auto [wait_error] = co_await socket.async_wait(tcp::socket::wait_read, nothrow);
    if (wait_error) co_return std::nullopt;
    error_code error;
    const std::size_t size = socket.read_some(asio::buffer(buffer), error);
    if (error == asio::error::would_block || error == asio::error::try_again) continue;
    if (error || size == 0) co_return std::nullopt;
    co_return std::string_view(buffer.data(), size);
  }
}

asio::awaitable<bool> send(tcp::socket& socket, std::string_view text, core::Framing framing) {
  const std::string bytes = core::encode(text, framing);
  auto [error, written] = co_await asio::async_write(socket, asio::buffer(bytes), nothrow);
  co_return !error;
}

asio::awaitable<void> drain(tcp::socket& socket) {
  for (;;) {
    const auto chunk = co_await read_chunk(socket);
    if (!chunk) co_return;
  }
}

// Sends our FIN, then reads until the client closes too (bounded in time), so
// that unread bytes never turn our close into a reset that could destroy the
// last reply before the client reads it.
asio::awaitable<void> close_gracefully(tcp::socket& socket) {
  error_code ignored;
  socket.shutdown(tcp::socket::shutdown_send, ignored);
  asio::steady_timer deadline(socket.get_executor(), linger_limit);
  co_await (drain(socket) || deadline.async_wait(nothrow));
  socket.close(ignored);
}

class Conversation {
 public:
  Conversation(tcp::socket socket, std::unique_ptr<core::Session> session, ConnectionSettings settings)
      : socket_(std::move(socket)), session_(std::move(session)), settings_(settings) {}

  // Returns why the conversation ended, for the log.
  asio::awaitable<std::string_view> run() {
    if (!co_await send(socket_, session_->greeting(), decoder_.framing())) co_return "write failed";
    for (;;) {
      const auto chunk = co_await read_chunk(socket_);
      if (!chunk) break;
      messages_.clear();
      decoder_.feed(*chunk, messages_);
      for (const core::Message& message : messages_) {
        const core::Reply reply = core::answer(*session_, message, *settings_.texts);
        if (settings_.verbose) log("{} < {:?} > {:?}", peer_, message.text, reply.text);
        if (!co_await send(socket_, reply.text, decoder_.framing())) co_return "write failed";
        if (reply.last) co_return "FIN";
      }
    }
    // The client closed its side (or vanished): say FIN in case it still reads.
    co_await send(socket_, core::fin, decoder_.framing());
    co_return "closed by client";
  }

  tcp::socket& socket() { return socket_; }
  void set_peer(std::string peer) { peer_ = std::move(peer); }

 private:
  tcp::socket socket_;
  std::unique_ptr<core::Session> session_;
  ConnectionSettings settings_;
  core::Decoder decoder_;
  std::vector<core::Message> messages_;
  std::string peer_;
};

std::string peer_of(const tcp::socket& socket) {
  error_code error;
  const auto endpoint = socket.remote_endpoint(error);
  return error ? std::string("?") : to_string(endpoint);
}

}  // namespace

asio::awaitable<void> serve_connection(tcp::socket socket, std::unique_ptr<core::Session> session,
                                       ConnectionSettings settings) {
  const std::string peer = peer_of(socket);
  error_code ignored;
  socket.non_blocking(true, ignored);
  socket.set_option(tcp::no_delay(true), ignored);
  log("connect {}", peer);
  Conversation conversation(std::move(socket), std::move(session), settings);
  conversation.set_peer(peer);
  std::string_view reason = "error";
  try {
    reason = co_await conversation.run();
    co_await close_gracefully(conversation.socket());
  } catch (const std::exception& error) {
    log("error {}: {}", peer, error.what());
  }
  log("disconnect {} ({})", peer, reason);
}

}  // namespace liaison::net
