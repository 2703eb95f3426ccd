#include "server/goodbye.hpp"

#include <array>
#include <optional>

#include "core/words.hpp"

namespace liaison::server {
namespace {

using namespace asio::experimental::awaitable_operators;

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

asio::awaitable<void> drain(tcp::socket& socket) {
  for (;;) {
    const auto chunk = co_await read_chunk(socket);
    if (!chunk) co_return;
  }
}

asio::awaitable<void> send_all(tcp::socket& socket, std::string_view bytes) {
  co_await asio::async_write(socket, asio::buffer(bytes), nothrow);
}

}  // namespace

asio::awaitable<void> close_gracefully(tcp::socket& socket, std::string_view last_words,
                                       std::chrono::steady_clock::duration limit) {
  asio::steady_timer deadline(socket.get_executor(), limit);
  auto goodbye = [&]() -> asio::awaitable<void> {
    co_await send_all(socket, last_words);
    error_code ignored;
    socket.shutdown(tcp::socket::shutdown_send, ignored);
    co_await drain(socket);
  };
  co_await (goodbye() || deadline.async_wait(nothrow));
  error_code ignored;
  socket.close(ignored);
}

std::string notice_then_fin(std::string_view notice, core::Framing framing) {
  return core::encode_notice(notice, framing) + core::encode(core::fin, framing);
}

// The client was just connected and is waiting for our first words: it reads
// the notice at once, and FIN with its next recv.
asio::awaitable<void> turn_away(tcp::socket socket, std::string notice) {
  error_code ignored;
  socket.non_blocking(true, ignored);
  const std::string last_words = notice_then_fin(notice, core::Framing::unknown);
  co_await close_gracefully(socket, last_words);
}

}  // namespace liaison::server
