// Each server check as a coroutine: connections of its own, or a reading of
// the one bisection game (played once, on the first check that needs it).
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "check/child.hpp"
#include "check/context.hpp"
#include "check/server_game.hpp"

namespace liaison::check {

struct ServerContext {
  asio::any_io_executor executor;
  tcp::endpoint endpoint;
  core::Lang lang = core::Lang::fr;
  Timing timing;
  std::shared_ptr<Child> child;  // null: a server liaison did not start
};

// A connection to the server under check, watching its program when
// liaison started it (Probe::watch).
inline Probe probe_of(ServerContext& context) {
  Probe probe(context.executor);
  probe.watch(context.child.get());
  return probe;
}

// Until the started server accepts a connection (or exits, or timing.start).
asio::awaitable<bool> wait_listening(ServerContext& context);

asio::awaitable<CheckResult> run_server_check(std::string_view id, ServerContext& context,
                                                   std::optional<ServerGame>& game);

// Robustness: still there after clients, unexpected input, a second client.
asio::awaitable<CheckResult> still_there(ServerContext& context);
asio::awaitable<CheckResult> unexpected_input(ServerContext& context, bool line_framing);
asio::awaitable<CheckResult> second_client(ServerContext& context, bool line_framing);

// The game's verdicts, pure readings of a ServerGame.
CheckResult judge_understood(const ServerGame& game, core::Lang lang);
CheckResult judge_consistent(const ServerGame& game, core::Lang lang);
CheckResult judge_won(const ServerGame& game, core::Lang lang);
CheckResult judge_fin(const ServerGame& game, core::Lang lang);

}  // namespace liaison::check
