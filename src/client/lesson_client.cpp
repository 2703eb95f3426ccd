#include "client/lesson_client.hpp"

#include <fmt/format.h>

#include <chrono>
#include <csignal>
#include <string_view>
#include <variant>

#include "core/display.hpp"
#include "core/framing.hpp"
#include "core/words.hpp"
#include "terminal/interactive_run.hpp"
#include "terminal/console.hpp"
#include "client/server_link.hpp"
#include "net/connection_trace.hpp"

namespace liaison::client {
namespace {

using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

// After our FIN, how long the server has to answer FIN or close.
constexpr auto fin_reply_limit = 5s;

class LessonClient {
 public:
  LessonClient(const asio::any_io_executor& executor, const ClientOptions& options)
      : texts_(*options.texts),
        link_(executor, options, options.lines, [this](std::string_view line) { trace(line); }),
        console_(executor) {}

  asio::awaitable<int> run() {
    // Awaited results are named before use throughout: GCC 12 miscompiles
    // some co_await inside conditions and co_return expressions.
    const bool connected = co_await link_.connect();
    if (!connected) co_return 1;
    const int exit_code = co_await converse();
    co_return exit_code;
  }

  // Ctrl-C: a FIN so that the server is not left waiting, then the notice.
  int interrupt(int signal_number) {
    link_.say_fin_now();
    console_.end_prompt_line();
    fmt::print(stderr, "{}\n", texts_.interrupted);
    return 128 + signal_number;
  }

 private:
  asio::awaitable<int> converse() {
    for (;;) {
      if (auto message = link_.take()) {
        if (show(*message)) co_return ended();
        continue;
      }
      if (link_.drained()) co_return link_.fin_sent() ? ended() : vanished();
      if (our_turn_ && !link_.fin_sent()) {
        co_await user_turn();
        continue;
      }
      const bool server_spoke = co_await link_.wait_for_server(fin_reply_limit);
      if (!server_spoke) co_return ended();
      link_.receive();
    }
  }

  // Prompts until the person types something to send, or the server speaks
  // (a FIN, or its departure) while they type.
  asio::awaitable<void> user_turn() {
    for (;;) {
      console_.prompt(texts_.me_prompt);
      auto event = co_await (console_.wait_line() || link_.server_spoke());
      if (event.index() == 1) {  // the server spoke first: a FIN, or its departure
        terminal::unwind_if_aborted(std::get<0>(std::get<1>(event)));
        link_.receive();
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

  asio::awaitable<void> send(std::string_view text) {
    const bool cut = co_await link_.send(text);
    if (cut) fmt::print(stderr, "{}\n", texts_.line_cut.format(core::max_message_bytes));
    our_turn_ = false;
  }

  // Prints the message; true when it ends the conversation.
  bool show(const ServerMessage& message) {
    console_.say(shown_line(message, texts_));
    our_turn_ = true;
    return core::ends_conversation(message.text);
  }

  int ended() {
    link_.close();
    console_.say(texts_.connection_ended);
    return 0;
  }

  // A --trace line, on a line of its own even when the prompt is open.
  void trace(std::string_view line) {
    console_.end_prompt_line();
    net::trace_line(line);
  }

  int vanished() {
    console_.end_prompt_line();
    fmt::print(stderr, "{}\n", texts_.server_vanished);
    return 1;
  }

  const core::Texts& texts_;
  ServerLink link_;
  terminal::Console console_;
  bool our_turn_ = false;  // the server speaks first
};

}  // namespace

int run_lesson_client(const ClientOptions& options) {
  asio::io_context context(1);
  LessonClient client(context.get_executor(), options);
  return terminal::run_until_signalled(context, client, {SIGINT, SIGTERM});
}

}  // namespace liaison::client
