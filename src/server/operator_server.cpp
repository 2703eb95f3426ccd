#include "server/operator_server.hpp"

#include <fmt/format.h>

#include <chrono>
#include <csignal>
#include <memory>
#include <optional>
#include <vector>

#include "core/display.hpp"
#include "core/framing.hpp"
#include "core/words.hpp"
#include "terminal/interactive_run.hpp"
#include "terminal/console.hpp"
#include "net/connection_trace.hpp"
#include "net/endpoint.hpp"
#include "net/log.hpp"

namespace liaison::server {
namespace {

using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

// The lesson's listen(1): the next client waits in the backlog while the
// operator talks with this one.
constexpr int waiting_clients = 1;
// After our last words, how long the client has to close its side.
constexpr auto linger_limit = 2s;

// Who speaks next, or how the conversation ended.
enum class Next { operator_speaks, client_speaks, ended, client_vanished, console_closed };

bool is_talking(Next next) { return next == Next::operator_speaks || next == Next::client_speaks; }

tcp::acceptor open_operator_acceptor(asio::io_context& context, const OperatorOptions& options) {
  const tcp::endpoint endpoint = net::resolve_bind_endpoint(options.host, options.port);
  tcp::acceptor acceptor(context);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(tcp::acceptor::reuse_address(true));
  if (endpoint.address().is_v6() && endpoint.address().is_unspecified()) acceptor.set_option(asio::ip::v6_only(false));
  acceptor.bind(endpoint);
  acceptor.listen(waiting_clients);
  return acceptor;
}

class OperatorServer {
 public:
  OperatorServer(tcp::acceptor acceptor, const core::Texts& texts, std::optional<core::Lang> trace)
      : acceptor_(std::move(acceptor)), client_(acceptor_.get_executor()), console_(acceptor_.get_executor()),
        texts_(texts), trace_lang_(trace), received_(64 * 1024) {}

  // Conversations, one client at a time, until the operator says T or the
  // console closes.
  asio::awaitable<int> run() {
    console_.say(texts_.server_ready.format(net::to_string(acceptor_.local_endpoint())));
    // Awaited results are named before use throughout: GCC 12 miscompiles
    // some co_await inside conditions and co_return expressions.
    for (;;) {
      const bool connected = co_await accept_client();
      if (!connected) co_return 0;
      const Next end = co_await converse();
      if (end == Next::console_closed) {
        co_await send(core::fin);
        co_await close_client();
        if (trace_) trace_->closed(core::WireClose::after_fin);
        co_return 0;
      }
      if (end == Next::client_vanished) console_.say(texts_.client_vanished);
      co_await close_client();
      if (trace_) trace_->closed(end == Next::client_vanished ? core::WireClose::by_peer : core::WireClose::after_fin);
      const bool again = co_await wants_another();
      if (!again) co_return 0;
    }
  }

  // Ctrl-C: the client is told FIN rather than left waiting.
  int interrupt(int signal_number) {
    if (client_.is_open() && !fin_sent_) {
      error_code ignored;
      client_.write_some(asio::buffer(core::encode(core::fin, decoder_.framing())), ignored);
    }
    console_.end_prompt_line();
    fmt::print(stderr, "{}\n", texts_.interrupted);
    return 128 + signal_number;
  }

 private:
  // false: the console closed while nobody was connected.
  asio::awaitable<bool> accept_client() {
    for (;;) {
      auto event = co_await (acceptor_.async_accept(nothrow) || console_.wait_closed());
      if (event.index() == 1) co_return false;
      auto [error, socket] = std::get<0>(std::move(event));
      terminal::unwind_if_aborted(error);
      if (!error) {
        start_conversation(std::move(socket));
        co_return true;
      }
      net::log("accept failed: {}", error.message());
      asio::steady_timer pause(acceptor_.get_executor(), 100ms);  // do not spin on EMFILE
      co_await pause.async_wait(nothrow);
    }
  }

  void start_conversation(tcp::socket socket) {
    client_ = std::move(socket);
    error_code ignored;
    client_.non_blocking(true, ignored);
    client_.set_option(tcp::no_delay(true), ignored);
    decoder_ = core::Decoder{};  // each client's framing is learnt anew
    fin_sent_ = false;
    error_code unknown;
    const auto peer = client_.remote_endpoint(unknown);
    const std::string address = unknown ? std::string("?") : net::to_string(peer);
    console_.say(texts_.client_connected.format(address));
    trace_.reset();
    // Trace lines go to stderr on a line of their own, never after an open prompt.
    if (trace_lang_)
      trace_ = std::make_unique<net::ConnectionTrace>(*trace_lang_, address, [this](std::string_view trace_line) {
        console_.end_prompt_line();
        net::trace_line(trace_line);
      });
  }

  // The operator speaks first, then turns alternate until one says FIN.
  asio::awaitable<Next> converse() {
    Next next = Next::operator_speaks;
    while (is_talking(next)) {
      if (next == Next::operator_speaks)
        next = co_await operator_turn();
      else
        next = co_await client_turn();
    }
    co_return next;
  }

  // While the operator types, a client that leaves (or speaks out of turn)
  // is noticed at once.
  asio::awaitable<Next> operator_turn() {
    console_.prompt(texts_.me_prompt);
    auto event = co_await (console_.wait_line() || client_.async_wait(tcp::socket::wait_read, nothrow));
    if (event.index() == 1) {
      terminal::unwind_if_aborted(std::get<0>(std::get<1>(event)));
      const Next next = co_await read_client(Next::operator_speaks);
      co_return next;
    }
    const auto line = console_.take_line();
    if (!line) {
      console_.show_answer(core::fin, false);
      co_return Next::console_closed;
    }
    console_.show_answer(*line, true);
    if (line->empty()) co_return Next::operator_speaks;  // zero bytes would leave both sides waiting
    // The lesson's client stops only on an exact FIN: " fin " is said as FIN.
    const bool fin = core::is_fin(*line);
    const bool sent = co_await send(fin ? core::fin : std::string_view(*line));
    if (!sent) co_return Next::client_vanished;
    co_return fin ? Next::ended : Next::client_speaks;
  }

  // Waiting for the client never outlives the console.
  asio::awaitable<Next> client_turn() {
    auto event = co_await (client_.async_wait(tcp::socket::wait_read, nothrow) || console_.wait_closed());
    if (event.index() == 1) co_return Next::console_closed;
    terminal::unwind_if_aborted(std::get<0>(std::get<0>(event)));
    const Next next = co_await read_client(Next::client_speaks);
    co_return next;
  }

  // Shows what the readable client sent; `unchanged` when that was not yet a
  // whole message.
  asio::awaitable<Next> read_client(Next unchanged) {
    error_code error;
    const std::size_t size = client_.read_some(asio::buffer(received_), error);
    if (error == asio::error::would_block || error == asio::error::try_again) co_return unchanged;
    if (error || size == 0) co_return Next::client_vanished;
    if (trace_) trace_->received(std::string_view(received_.data(), size));
    messages_.clear();
    decoder_.feed(std::string_view(received_.data(), size), messages_);
    for (const core::Message& message : messages_) {
      show(message);
      if (!message.too_long && core::is_fin(message.text)) {
        co_await send(core::fin);
        co_return Next::ended;
      }
    }
    co_return messages_.empty() ? unchanged : Next::operator_speaks;
  }

  void show(const core::Message& message) {
    const std::string text =
        message.too_long ? texts_.too_long.format(core::max_message_bytes) : core::printable(message.text);
    console_.say(fmt::format("{}{}", texts_.client_label, text));
  }

  // In the client's framing: raw for the lesson's client, lines for netcat,
  // and FIN bare while nobody knows.
  asio::awaitable<bool> send(std::string_view text) {
    const std::string bytes = core::encode(text, decoder_.framing());
    if (trace_) trace_->sent(bytes);
    auto [error, written] = co_await asio::async_write(client_, asio::buffer(bytes), nothrow);
    fin_sent_ = fin_sent_ || (!error && text == core::fin);
    co_return !error;
  }

  // Our side first, then whatever the client still sends until it closes
  // (bounded): closing with unread bytes would reset the connection and
  // could destroy our FIN before the client reads it.
  asio::awaitable<void> close_client() {
    error_code ignored;
    client_.shutdown(tcp::socket::shutdown_send, ignored);
    asio::steady_timer deadline(client_.get_executor(), linger_limit);
    co_await (drain_client() || deadline.async_wait(nothrow));
    client_.close(ignored);
  }

  asio::awaitable<void> drain_client() {
    for (;;) {
      auto [wait_error] = co_await client_.async_wait(tcp::socket::wait_read, nothrow);
      terminal::unwind_if_aborted(wait_error);
      if (wait_error) co_return;
      error_code error;
      const std::size_t size = client_.read_some(asio::buffer(received_), error);
      if (error == asio::error::would_block || error == asio::error::try_again) continue;
      if (error || size == 0) co_return;
    }
  }

  // <R>ecommencer <T>erminer ? until one of them is answered.
  asio::awaitable<bool> wants_another() {
    for (;;) {
      console_.prompt(texts_.restart_or_stop);
      const auto line = co_await console_.next_line();
      if (!line) {
        console_.end_prompt_line();
        co_return false;
      }
      console_.show_answer(*line, true);
      const std::string_view answer = core::trim(*line);
      if (answer == "R" || answer == "r") co_return true;
      if (answer == "T" || answer == "t") co_return false;
    }
  }

  tcp::acceptor acceptor_;
  tcp::socket client_;
  terminal::Console console_;
  const core::Texts& texts_;
  std::optional<core::Lang> trace_lang_;
  std::unique_ptr<net::ConnectionTrace> trace_;  // the client's, with --trace
  core::Decoder decoder_;
  bool fin_sent_ = false;
  std::vector<char> received_;
  std::vector<core::Message> messages_;
};

// "host:port" for a host that could not even be resolved.
std::string typed_address(const OperatorOptions& options) {
  const bool v6 = options.host.find(':') != std::string::npos;
  return v6 ? fmt::format("[{}]:{}", options.host, options.port) : fmt::format("{}:{}", options.host, options.port);
}

}  // namespace

int run_operator_server(const OperatorOptions& options) {
  const core::Texts& texts = *options.texts;
  asio::io_context context(1);
  tcp::acceptor acceptor(context);
  try {
    acceptor = open_operator_acceptor(context, options);
  } catch (const boost::system::system_error& error) {
    fmt::print(stderr, "{}\n", texts.cannot_start.format(typed_address(options), error.code().message()));
    return 1;
  }
  OperatorServer console(std::move(acceptor), texts, options.trace);
  return terminal::run_until_signalled(context, console, {SIGINT, SIGTERM});
}

}  // namespace liaison::server
