#include "support/web_client.hpp"

#include <boost/beast/core.hpp>

#include <array>
#include <stdexcept>

#include "support/client.hpp"
#include "support/text_scan.hpp"

namespace liaison::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

std::chrono::milliseconds left(Clock::time_point deadline) {
  return std::max(0ms, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
}

}  // namespace

std::uint16_t read_web_port(Process& server) {
  const std::string out = server.read_stdout_until("#token=", 10s);
  auto port = number_after(out, "Web sur 127.0.0.1:");
  if (!port) port = number_after(out, "Web on 127.0.0.1:");
  if (!port) throw std::runtime_error("no web address in: " + out + server.stderr_text());
  return static_cast<std::uint16_t>(*port);
}

HttpReply request(std::uint16_t port, std::string_view target, http::verb verb, std::string_view token) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(tcp::endpoint(asio::ip::address_v4::loopback(), port));
  http::request<http::empty_body> outgoing{verb, target, 11};
  outgoing.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  if (!token.empty()) outgoing.set(http::field::authorization, "Bearer " + std::string(token));
  http::write(stream, outgoing);
  beast::flat_buffer buffer;
  http::response<http::string_body> reply;
  http::read(stream, buffer, reply);
  return {.status = reply.result_int(),
          .content_type = std::string(reply[http::field::content_type]),
          .cache_control = std::string(reply[http::field::cache_control]),
          .allow = std::string(reply[http::field::allow]),
          .retry_after = std::string(reply[http::field::retry_after]),
          .body = reply.body()};
}

void connect(tcp::socket& socket, std::uint16_t port, Reading reading) {
  socket.open(tcp::v4());
  if (reading == Reading::stalled) socket.set_option(asio::socket_base::receive_buffer_size(4096));
  socket.connect(tcp::endpoint(asio::ip::address_v4::loopback(), port));
}

EventStream::EventStream(std::uint16_t web_port, Reading reading) : socket_(io_) {
  connect(socket_, web_port, reading);
  const std::string get = "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  asio::write(socket_, asio::buffer(get));
  if (reading == Reading::normal) header_ = next();  // the response's header ends with an empty line too
}

bool EventStream::closed_by_server(std::chrono::milliseconds patience) {
  const auto deadline = Clock::now() + patience;
  std::array<char, 65536> chunk{};
  while (Clock::now() < deadline) {
    if (!wait_readable(socket_.native_handle(), left(deadline))) return false;
    boost::system::error_code ended;
    socket_.read_some(asio::buffer(chunk), ended);
    if (ended) return ended == asio::error::eof || ended == asio::error::connection_reset;
  }
  return false;
}

std::optional<std::string> EventStream::next(std::chrono::milliseconds patience) {
  const auto deadline = Clock::now() + patience;
  for (;;) {
    if (const std::size_t end = buffered_.find("\n\n"); end != std::string::npos) {
      std::string block = buffered_.substr(0, end + 2);
      buffered_.erase(0, end + 2);
      return block;
    }
    if (!wait_readable(socket_.native_handle(), left(deadline))) return std::nullopt;
    std::array<char, 4096> chunk{};
    boost::system::error_code ended;
    const std::size_t got = socket_.read_some(asio::buffer(chunk), ended);
    if (ended) return std::nullopt;
    buffered_.append(chunk.data(), got);
  }
}

std::string EventStream::next() {
  std::optional<std::string> block = next(30s);
  if (!block) throw std::runtime_error("no event within 30 s");
  return *block;
}

std::string EventStream::next_of(std::string_view type) {
  std::optional<std::string> data = next_of(type, 30s);
  if (!data) throw std::runtime_error("no " + std::string(type) + " event within 30 s");
  return *data;
}

std::optional<std::string> EventStream::next_of(std::string_view type, std::chrono::milliseconds patience) {
  const auto deadline = Clock::now() + patience;
  for (;;) {
    const std::optional<std::string> block = next(left(deadline));
    if (!block) return std::nullopt;
    if (block->starts_with("event: " + std::string(type) + "\n")) return block->substr(block->find("data: ") + 6);
  }
}

}  // namespace liaison::testing
