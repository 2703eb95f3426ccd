#include "client/duplex_client.hpp"

#include <fmt/format.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <string_view>
#include <variant>
#include <vector>

#include "core/display.hpp"
#include "core/framing.hpp"
#include "core/words.hpp"
#include "terminal/interactive_run.hpp"
#include "terminal/console.hpp"
#include "terminal/duplex_console.hpp"
#include "client/server_link.hpp"
#include "net/connection_trace.hpp"

namespace liaison::client {
namespace {

using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

// After our FIN, how long the server has to answer FIN or close.
constexpr auto fin_reply_limit = 2s;

// One thread, one io_context: the terminal (or stdin) and the socket are
// awaited together with `||`, whichever is ready first is served, and a
// signal ends the whole conversation by cancelling it. Asio rather than a
// hand-written poll() loop: the connect with its time limit, the signals and
// the reading of server lines are shared with the lesson's client
// (client/server_link.hpp).
class DuplexClient {
 public:
  DuplexClient(const asio::any_io_executor& executor, const ClientOptions& options,
               const core::DuplexTexts& duplex_texts)
      : texts_(*options.texts),
        duplex_texts_(duplex_texts),
        link_(executor, options, true, [this](std::string_view line) { trace(line); }) {}

  asio::awaitable<int> run() {
    // Awaited results are named before use: GCC 12 miscompiles some
    // co_await inside conditions and co_return expressions.
    const bool connected = co_await link_.connect();
    if (!connected) co_return 1;
    console_ = terminal::make_duplex_console(co_await asio::this_coro::executor, texts_);  // the prompt, once connected
    const int exit_code = co_await converse();
    co_return exit_code;
  }

  // Ctrl-C (or SIGTERM, SIGHUP): a FIN so that the server is not left
  // waiting, the terminal back as it was, then the notice.
  int interrupt(int signal_number) {
    link_.say_fin_now();
    if (console_) console_->close();
    fmt::print(stderr, "{}\n", texts_.interrupted);
    return 128 + signal_number;
  }

 private:
  asio::awaitable<int> converse() {
    for (;;) {
      const bool server_said_fin = show_received();
      if (server_said_fin) co_return ended();
      // After our FIN, a server that closes has answered (the lesson's does).
      if (link_.drained()) co_return link_.fin_sent() ? ended() : vanished();
      if (link_.fin_sent()) {
        const bool server_spoke = co_await link_.wait_for_server(fin_reply_limit);
        if (!server_spoke) co_return unanswered();
        link_.receive();
        continue;
      }
      auto event = co_await (console_->wait_typed() || link_.server_spoke());
      if (event.index() == 1) {
        terminal::unwind_if_aborted(std::get<0>(std::get<1>(event)));
        link_.receive();
        continue;
      }
      co_await send_typed();
    }
  }

  // Shows every whole line received; true when one of them is FIN.
  bool show_received() {
    std::vector<std::string> lines;
    bool fin = false;
    while (!fin) {
      auto message = link_.take();
      if (!message) break;
      lines.push_back(shown_line(*message, texts_));
      fin = core::ends_conversation(message->text);
    }
    if (!lines.empty()) console_->show(lines);
    return fin;
  }

  asio::awaitable<void> send_typed() {
    while (!link_.fin_sent()) {
      auto typed = console_->take_typed();
      if (!typed) co_return;
      // Empty lines are not sent; " fin " is said as FIN, the only ending
      // the lesson's programs know.
      if (!typed->end && typed->line.empty()) continue;
      const std::string_view said = typed->end || core::is_fin(typed->line) ? core::fin : std::string_view(typed->line);
      co_await send(said);
    }
    console_->close();  // no more typing once FIN is said
  }

  asio::awaitable<void> send(std::string_view text) {
    const bool cut = co_await link_.send(text);
    if (cut) console_->notice(texts_.line_cut.format(core::max_message_bytes));
  }

  int ended() {
    link_.close();
    console_->close();
    console_->show({std::string(texts_.connection_ended)});
    return 0;
  }

  // A --trace line: above the line being typed, as the notices.
  void trace(std::string_view line) {
    if (console_)
      console_->notice(line);
    else
      net::trace_line(line);
  }

  int vanished() {
    console_->close();
    fmt::print(stderr, "{}\n", texts_.server_vanished);
    return 1;
  }

  // We said FIN and leave either way: not an error, but worth saying.
  int unanswered() {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(fin_reply_limit).count();
    console_->notice(duplex_texts_.fin_unanswered.format(seconds));
    return ended();
  }

  const core::Texts& texts_;
  const core::DuplexTexts& duplex_texts_;
  ServerLink link_;
  std::unique_ptr<terminal::DuplexConsole> console_;
};

}  // namespace

int run_duplex_client(const ClientOptions& options, const core::DuplexTexts& duplex_texts) {
  asio::io_context context(1);
  DuplexClient client(context.get_executor(), options, duplex_texts);
  // SIGHUP too: a closed terminal window still says FIN to the server.
  return terminal::run_until_signalled(context, client, {SIGINT, SIGTERM, SIGHUP});
}

}  // namespace liaison::client
