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
  // The wait ended before its limit: the program waits on us (Child::waits_on_us).
  bool program_waits = false;
};

class Probe {
 public:
  explicit Probe(asio::any_io_executor executor) : socket_(executor) {}
  // An accepted connection (liaison as the server of a checked client).
  explicit Probe(tcp::socket socket) : socket_(std::move(socket)) {}

  // The program at the other end, when liaison started it: a wait ends as
  // soon as it waits on us (nothing more will come), rather than at its limit.
  void watch(Child* program) { watched_ = program; }

  asio::awaitable<bool> connect(const tcp::endpoint& endpoint, Clock::duration timeout);
  asio::awaitable<bool> send(std::string bytes);
  // The first bytes within `timeout`, then whatever follows until `quiet`
  // passes with nothing new, or the watched program waits on us: one
  // message, however the program wrote it.
  asio::awaitable<Received> receive(Clock::duration timeout, Clock::duration quiet);
  void close();
  // Ends our side (FIN on the wire) but keeps reading: a client that goes on
  // sending is not reset, it meets an endless end of stream.
  void shutdown_send();
  // Bytes that arrived and were not read yet.
  std::size_t available();
  // Everything we sent has reached the other end (acknowledged).
  bool delivered();

  std::vector<core::WireMessage>& transcript() { return transcript_; }

 private:
  // `answer`: the first bytes of a message (the program must first take what
  // we sent), rather than its rest.
  asio::awaitable<Received> read_once(Clock::duration timeout, bool answer);
  bool program_waits(bool answer);
  std::int64_t now_ms() const;

  tcp::socket socket_;
  Child* watched_ = nullptr;
  // The end of the stream, once seen: a message read with it keeps its data,
  // and every later receive says the connection ended.
  Received::Status ended_ = Received::Status::data;
  Clock::time_point opened_ = Clock::now();
  std::vector<core::WireMessage> transcript_;
};

}  // namespace liaison::check
