#include "client/lesson_client.hpp"

#include <fmt/format.h>

#include <chrono>
#include <csignal>
#include <string_view>
#include <variant>

#include "core/display.hpp"
#include "core/framing.hpp"
#include "core/utf8.hpp"
#include "core/words.hpp"
#include "client/connect_client.hpp"
#include "terminal/interactive_run.hpp"
#include "terminal/console.hpp"
#include "client/server_inbox.hpp"

namespace liaison::client {
namespace {

using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

// After our FIN, how long the server has to answer FIN or close.
constexpr auto fin_reply_limit = 5s;

class LessonClient {
 public:
  LessonClient(const asio::any_io_executor& executor, const ClientOptions& options)
      : options_(options), texts_(*options.texts), socket_(executor), console_(executor), inbox_(options.lines) {}

  asio::awaitable<int> run() {
    // Awaited results are named before use throughout: GCC 12 miscompiles
    // some co_await inside conditions and co_return expressions.
    const bool connected = co_await connect();
    if (!connected) co_return 1;
    const int exit_code = co_await converse();
    co_return exit_code;
  }

  // Ctrl-C: a FIN so that the server is not left waiting, then the notice.
  int interrupt(int signal_number) {
    if (socket_.is_open() && !fin_sent_) {
      error_code ignored;
      socket_.write_some(asio::buffer(encoded(core::fin)), ignored);
    }
    console_.end_prompt_line();
    fmt::print(stderr, "{}\n", texts_.interrupted);
    return 128 + signal_number;
  }

 private:
  asio::awaitable<bool> connect() {
    const bool connected = co_await connect_client(socket_, options_);
    if (connected) socket_.non_blocking(true);
    co_return connected;
  }

  asio::awaitable<int> converse() {
    for (;;) {
      if (auto message = inbox_.take()) {
        if (show(*message)) co_return ended();
        continue;
      }
      if (inbox_.drained()) co_return fin_sent_ ? ended() : vanished();
      if (our_turn_ && !fin_sent_) {
        co_await user_turn();
        continue;
      }
      const bool server_spoke = co_await wait_for_server();
      if (!server_spoke) co_return ended();
      inbox_.read_from(socket_);
    }
  }

  // Prompts until the person types something to send, or the server speaks
  // (a FIN, or its departure) while they type.
  asio::awaitable<void> user_turn() {
    for (;;) {
      console_.prompt(texts_.me_prompt);
      auto event = co_await (console_.wait_line() || socket_.async_wait(tcp::socket::wait_read, nothrow));
      if (event.index() == 1) {  // the server spoke first: a FIN, or its departure
        terminal::unwind_if_aborted(std::get<0>(std::get<1>(event)));
        inbox_.read_from(socket_);
        co_return;
      }
      const auto line = console_.take_line();
      if (!line) {  // Ctrl-D, or the end of a script
        console_.show_answer(core::fin, false);
        co_await send(core::fin);
        co_return;
      }
      console_.show_answer(*line, true);
      if (line->empty()) continue;  // zero bytes would leave both sides waiting
      // The lesson's programs only stop on an exact FIN: " fin " is said as FIN.
      const std::string_view said = core::is_fin(*line) ? core::fin : std::string_view(*line);
      co_await send(said);
      co_return;
    }
  }

  // false: the server neither answered our FIN nor closed in time.
  asio::awaitable<bool> wait_for_server() {
    if (!fin_sent_) {
      auto [error] = co_await socket_.async_wait(tcp::socket::wait_read, nothrow);
      terminal::unwind_if_aborted(error);
      co_return true;
    }
    asio::steady_timer deadline(socket_.get_executor(), fin_reply_limit);
    auto event = co_await (socket_.async_wait(tcp::socket::wait_read, nothrow) || deadline.async_wait(nothrow));
    std::visit([](const auto& result) { terminal::unwind_if_aborted(std::get<0>(result)); }, event);
    co_return event.index() == 0;
  }

  // A failed write is not reported here: the read that follows tells whether
  // the server said FIN or vanished.
  asio::awaitable<void> send(std::string_view text) {
    const std::string bytes = encoded(text);
    co_await asio::async_write(socket_, asio::buffer(bytes), nothrow);
    fin_sent_ = fin_sent_ || text == core::fin;
    our_turn_ = false;
  }

  // The lesson's framing (the text alone) or a line; at most one recv(1024).
  std::string encoded(std::string_view text) const {
    const std::string_view fitting = core::utf8_prefix(text, core::max_message_bytes);
    if (fitting.size() < text.size())
      fmt::print(stderr, "{}\n", fmt::format(fmt::runtime(texts_.line_cut), core::max_message_bytes));
    return core::encode(fitting, options_.lines ? core::Framing::line : core::Framing::raw);
  }

  // Prints the message; true when it ends the conversation.
  bool show(const ServerMessage& message) {
    console_.say(shown_line(message, texts_));
    our_turn_ = true;
    return core::ends_conversation(message.text);
  }

  int ended() {
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    console_.say(texts_.connection_ended);
    return 0;
  }

  int vanished() {
    console_.end_prompt_line();
    fmt::print(stderr, "{}\n", texts_.server_vanished);
    return 1;
  }

  const ClientOptions& options_;
  const core::Texts& texts_;
  tcp::socket socket_;
  terminal::Console console_;
  ServerInbox inbox_;
  bool our_turn_ = false;  // the server speaks first
  bool fin_sent_ = false;
};

}  // namespace

int run_lesson_client(const ClientOptions& options) {
  asio::io_context context(1);
  LessonClient client(context.get_executor(), options);
  return terminal::run_until_signalled(context, client, {SIGINT, SIGTERM});
}

}  // namespace liaison::client
