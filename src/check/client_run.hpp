// One run of a student's client against liaison as the juste prix server:
// the program on a pseudo-terminal, its connection accepted, and the waits a
// check needs (shown on screen, waiting for input, exited), each with a
// deadline.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "check/child.hpp"
#include "check/client_checks.hpp"
#include "check/probe.hpp"

namespace liaison::check {

class ClientRun {
 public:
  ClientRun(asio::any_io_executor executor, const ClientTarget& target, Timing timing)
      : executor_(executor), target_(target), timing_(timing), acceptor_(executor) {}
  ~ClientRun();

  // Starts the program (listening first unless `no_server`) and, with a
  // server, accepts its connection; false when it did not connect in time.
  asio::awaitable<bool> start(bool no_server = false);
  bool started() const { return program_ != nullptr; }

  Probe& peer() { return *peer_; }
  Child& program() { return *program_; }
  const Child& program() const { return *program_; }
  const Timing& timing() const { return timing_; }

  // Until `text` is in what the program printed since `from` (a byte count of output_seen()).
  asio::awaitable<bool> shown(std::string text, std::size_t from);
  // Until it waits for a line on its terminal, or its connection has bytes
  // it sent on its own: true when it waits for input.
  asio::awaitable<bool> wants_input();
  // Until it waits for a line on its terminal (true), ends, or waits on us
  // otherwise: what it sends meanwhile is left unread.
  asio::awaitable<bool> asks_again();
  // Until it exits; its status, or nullopt after `timeout` or as soon as it
  // waits on us (then stuck() says so: it cannot end by itself).
  asio::awaitable<std::optional<int>> exited(Clock::duration timeout);
  bool stuck() const { return stuck_; }
  // Types `line` and Enter, then waits (briefly) until the program took it,
  // so that the same wait for input is not seen twice.
  asio::awaitable<void> type(const std::string& line);
  asio::awaitable<void> reply(const std::string& text);

  bool line_client = false;  // it ended its messages with \n: replies are lines too
  std::vector<core::WireMessage> transcript() { return peer_ ? peer_->transcript() : std::vector<core::WireMessage>{}; }

 private:
  bool input_wanted() const;
  asio::awaitable<bool> listen();
  // Every byte we sent is in, and it waits for more (Child::waits_on_us).
  bool waits_on_us();

  asio::any_io_executor executor_;
  ClientTarget target_;
  Timing timing_;
  tcp::acceptor acceptor_;
  std::shared_ptr<Child> program_;
  std::unique_ptr<Probe> peer_;
  bool stuck_ = false;
};

}  // namespace liaison::check
