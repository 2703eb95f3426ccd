// How the interactive programs (`liaison connect`, the chat console) run: one
// thread, one io_context, and a signal (Ctrl-C...) that cancels the
// conversation wherever it waits.
#pragma once

#include <exception>
#include <initializer_list>
#include <variant>

#include "net/asio.hpp"

namespace liaison::terminal {

// Runs `client.run()` (an awaitable<int>: the exit code) in `context` until
// it ends, or until one of `signal_numbers` arrives: then the conversation is
// cancelled and `client.interrupt(N)` returns the exit code.
template <typename Client>
int run_until_signalled(asio::io_context& context, Client& client, std::initializer_list<int> signal_numbers) {
  using namespace asio::experimental::awaitable_operators;
  asio::signal_set signals(context);
  for (const int signal_number : signal_numbers) signals.add(signal_number);
  int exit_code = 1;
  auto conversation = [&]() -> asio::awaitable<void> {
    auto outcome = co_await (client.run() || signals.async_wait(nothrow));
    exit_code = outcome.index() == 0 ? std::get<0>(outcome) : client.interrupt(std::get<1>(std::get<1>(outcome)));
  };
  asio::co_spawn(context, conversation(), [](std::exception_ptr failure) {
    if (failure) std::rethrow_exception(failure);
  });
  context.run();
  return exit_code;
}

}  // namespace liaison::terminal
