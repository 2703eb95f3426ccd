#include "check/client_run.hpp"

namespace liaison::check {
namespace {

namespace asio = asio;
using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

}  // namespace

ClientRun::~ClientRun() {
  if (program_) program_->stop();
}

// Each step checked: a listen() after a failed bind() would listen on a
// port of the kernel's choice, where the program never calls. The port may
// be held a moment by another socket (an outgoing connection whose source
// port it is): tried again until timing.start.
asio::awaitable<bool> ClientRun::listen() {
  const auto deadline = Clock::now() + timing_.start;
  for (;;) {
    error_code error;
    acceptor_.open(tcp::v4(), error);
    if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) acceptor_.bind({asio::ip::make_address_v4("127.0.0.1"), target_.port}, error);
    if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
    if (!error) co_return true;
    error_code ignored;
    acceptor_.close(ignored);
    if (Clock::now() >= deadline) co_return false;
    asio::steady_timer pause(executor_, 20ms);
    co_await pause.async_wait(nothrow);
  }
}

asio::awaitable<bool> ClientRun::start(bool no_server) {
  error_code error;
  if (!no_server) {
    const bool listening = co_await listen();
    if (!listening) co_return false;
  }
  std::string failure;
  program_ = Child::start(executor_, target_.program.argv, true, target_.program.limits, failure);
  if (!program_ || no_server) co_return program_ != nullptr;
  asio::steady_timer timer(executor_, timing_.start);
  auto accepted = co_await (acceptor_.async_accept(nothrow) || timer.async_wait(nothrow));
  acceptor_.close(error);  // one connection per run: a second one is refused
  if (accepted.index() != 0 || std::get<0>(std::get<0>(accepted))) co_return false;
  peer_ = std::make_unique<Probe>(std::move(std::get<1>(std::get<0>(accepted))));
  peer_->watch(program_.get());
  co_return true;
}

asio::awaitable<bool> ClientRun::shown(std::string text, std::size_t from) {
  auto& child = *program_;
  co_return co_await child.wait_until(
      [&] {
        const std::size_t dropped = child.output_seen() - child.output().size();
        const std::size_t start = from > dropped ? from - dropped : 0;
        return child.output().find(text, std::min(start, child.output().size())) != std::string::npos;
      },
      timing_.reply);
}

bool ClientRun::input_wanted() const {
  if (program_->waits_for_input()) return true;
  // Where /proc says nothing: a program quiet for a while after printing.
  return !std::filesystem::exists("/proc/self/syscall") && Clock::now() - program_->last_output() > 300ms;
}

bool ClientRun::waits_on_us() { return (!peer_ || peer_->delivered()) && program_->waits_on_us(); }

asio::awaitable<bool> ClientRun::wants_input() {
  // Waiting on us but not for a line (in its recv(), say): it will not ask.
  co_await program_->wait_until(
      [&] { return input_wanted() || (peer_ && peer_->available() > 0) || waits_on_us(); }, timing_.reply);
  co_return input_wanted();
}

asio::awaitable<bool> ClientRun::asks_again() {
  co_await program_->wait_until([&] { return input_wanted() || waits_on_us(); }, timing_.reply);
  co_return input_wanted();
}

asio::awaitable<std::optional<int>> ClientRun::exited(Clock::duration timeout) {
  stuck_ = false;
  co_await program_->wait_until(
      [&] {
        stuck_ = !program_->exit_status() && waits_on_us();
        return program_->exit_status().has_value() || stuck_;
      },
      timeout);
  // Its last words ("La connexion a échoué.") may still be on their way.
  if (program_->exit_status()) co_await program_->output_read(500ms);
  co_return program_->exit_status();
}

asio::awaitable<void> ClientRun::type(const std::string& line) {
  program_->type(line + "\n");
  co_await program_->wait_until([&] { return !program_->waits_for_input() || program_->took_typed(); }, 300ms);
}

asio::awaitable<void> ClientRun::reply(const std::string& text) {
  std::string message = text;
  if (line_client) message += "\n";
  co_await peer_->send(std::move(message));
}

}  // namespace liaison::check
