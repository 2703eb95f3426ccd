// One connection of the checker to a student's server, every message kept
// in a transcript. Each wait has a deadline; errors are values.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "check/child.hpp"
#include "core/wire_transcript.hpp"
#include "net/asio.hpp"

namespace liaison::check {

struct Received {
  enum class Status { data, timeout, closed, reset } status = Status::timeout;
  std::string bytes;
  int reads = 0;  // separate arrivals: more than one is two send()s or more
};

class Probe {
 public:
  explicit Probe(asio::any_io_executor executor) : socket_(executor) {}
  // An accepted connection (liaison as the server of a checked client).
  explicit Probe(tcp::socket socket) : socket_(std::move(socket)) {}

  asio::awaitable<bool> connect(const tcp::endpoint& endpoint, Clock::duration timeout);
  asio::awaitable<bool> send(std::string bytes);
  // The first bytes within `timeout`, then whatever follows until `quiet`
  // passes with nothing new: one message, however the server wrote it.
  asio::awaitable<Received> receive(Clock::duration timeout, Clock::duration quiet);
  void close();
  // Ends our side (FIN on the wire) but keeps reading: a client that goes on
  // sending is not reset, it meets an endless end of stream.
  void shutdown_send();
  // Bytes that arrived and were not read yet.
  std::size_t available();

  std::vector<core::WireMessage>& transcript() { return transcript_; }

 private:
  asio::awaitable<Received> read_once(Clock::duration timeout);
  std::int64_t now_ms() const;

  tcp::socket socket_;
  // The end of the stream, once seen: a message read with it keeps its data,
  // and every later receive says the connection ended.
  Received::Status ended_ = Received::Status::data;
  Clock::time_point opened_ = Clock::now();
  std::vector<core::WireMessage> transcript_;
};

}  // namespace liaison::check
