// Each client check as a coroutine over one fresh run of the program.
#pragma once

#include <string_view>

#include "check/client_checks.hpp"
#include "check/client_run.hpp"

namespace liaison::check {

asio::awaitable<CheckResult> run_client_check(std::string_view id, asio::any_io_executor executor,
                                                   ClientTarget target, core::Lang lang, Timing timing);

// The checks that play with it (client_game.cpp).
asio::awaitable<CheckResult> check_game(ClientRun& run, core::Lang lang);
asio::awaitable<CheckResult> check_replies_shown(ClientRun& run, core::Lang lang);
// The endings (client_endings.cpp).
asio::awaitable<CheckResult> check_server_fin(ClientRun& run, core::Lang lang, bool after_message);
asio::awaitable<CheckResult> check_typed_fin(ClientRun& run, core::Lang lang);
asio::awaitable<CheckResult> check_close_without_fin(ClientRun& run, core::Lang lang);
asio::awaitable<CheckResult> check_no_server(ClientRun& run, core::Lang lang);

}  // namespace liaison::check
