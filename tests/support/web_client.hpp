// Test support: the web side of a real `liaison serve --web`, talked to with
// Beast over loopback: its address as printed, one HTTP request, and an open
// /events stream read event by event.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "support/process.hpp"

namespace liaison::testing {

// The web port that `serve --web ...` printed ("Web sur 127.0.0.1:PORT"),
// reading its start-up lines up to the teacher's token.
std::uint16_t read_web_port(Process& server);

struct HttpReply {
  unsigned status = 0;
  std::string content_type;
  std::string cache_control;
  std::string allow;
  std::string retry_after;
  std::string body;
};

HttpReply request(std::uint16_t port, std::string_view target,
                  boost::beast::http::verb verb = boost::beast::http::verb::get, std::string_view token = {});

// How a client reads: as it comes, or not at all (a frozen tab: its socket
// keeps a tiny receive window, and nothing is read until the test says so).
enum class Reading { normal, stalled };

void connect(boost::asio::ip::tcp::socket& socket, std::uint16_t port, Reading reading);

// An open /events stream, read event by event.
class EventStream {
 public:
  explicit EventStream(std::uint16_t web_port, Reading reading = Reading::normal);
  // Reads until the server closes the stream (or resets it: it may give up
  // on unread bytes); false when it is still open after `patience`.
  bool closed_by_server(std::chrono::milliseconds patience = 10s);
  // The next block up to an empty line: one event ("event: x\ndata: {...}");
  // nullopt when none is complete within `patience`.
  std::optional<std::string> next(std::chrono::milliseconds patience);
  std::string next();  // within 30 s, or throws
  // Skips events until one of `type` comes; its data.
  std::string next_of(std::string_view type);
  // The same within `patience` (every event read counts); nullopt after it.
  std::optional<std::string> next_of(std::string_view type, std::chrono::milliseconds patience);
  const std::string& header() const { return header_; }

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
  std::string buffered_;
  std::string header_;
};

}  // namespace liaison::testing
