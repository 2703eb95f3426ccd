#include "support/play_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

namespace liaison::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

struct PlayClient::Socket {
  asio::io_context io;
  beast::websocket::stream<tcp::socket> ws{io};
};

PlayClient::PlayClient(std::uint16_t web_port) : socket_(std::make_unique<Socket>()) {
  socket_->ws.next_layer().connect(tcp::endpoint(asio::ip::address_v4::loopback(), web_port));
  socket_->ws.handshake("127.0.0.1:" + std::to_string(web_port), "/play");
}

PlayClient::~PlayClient() = default;

void PlayClient::write(std::string_view text) { socket_->ws.write(asio::buffer(text)); }

// Reads on the client's own loop, for at most `patience`: a frame, or nothing.
std::optional<std::string> PlayClient::read(std::chrono::milliseconds patience) {
  beast::flat_buffer buffer;
  std::optional<beast::error_code> outcome;
  socket_->ws.async_read(buffer, [&outcome](beast::error_code error, std::size_t) { outcome = error; });
  socket_->io.restart();
  socket_->io.run_for(patience);
  if (!outcome) {  // nothing within `patience`: the read is abandoned with the connection's usefulness
    beast::get_lowest_layer(socket_->ws).cancel();
    socket_->io.restart();
    socket_->io.run();
    return std::nullopt;
  }
  if (*outcome) return std::nullopt;
  return beast::buffers_to_string(buffer.data());
}

}  // namespace liaison::testing
