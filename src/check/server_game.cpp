#include "check/server_game.hpp"

#include "core/words.hpp"

namespace liaison::check {
namespace {

namespace asio = asio;
using Status = Received::Status;

// The first guess, sent raw as the lesson's client does; a server that reads
// lines stays silent, and gets the line's end.
asio::awaitable<Received> first_reply(Probe& probe, ServerGame& game, std::int64_t guess, Timing timing) {
  co_await probe.send(std::to_string(guess));
  Received reply = co_await probe.receive(timing.reply, timing.quiet);
  if (reply.status != Status::timeout) co_return reply;
  co_await probe.send("\n");
  reply = co_await probe.receive(timing.reply, timing.quiet);
  game.line_framing = reply.status == Status::data;
  co_return reply;
}

ServerGame::End end_of(const Received& reply, const core::Understood& understood) {
  if (reply.status == Status::timeout) return ServerGame::End::no_reply;
  if (reply.status != Status::data) return ServerGame::End::closed;
  if (understood.meaning == core::ReplyMeaning::won) return ServerGame::End::won;
  return ServerGame::End::unknown_reply;
}

asio::awaitable<Received> next_reply(Probe& probe, ServerGame& game, int turn, std::int64_t guess, Timing timing) {
  if (turn == 0) co_return co_await first_reply(probe, game, guess, timing);
  co_await probe.send(framed(std::to_string(guess), game.line_framing));
  co_return co_await probe.receive(timing.reply, timing.quiet);
}

// Bisection until a reply ends the game: a win, something not understood,
// silence, a close, or answers no secret agrees with.
asio::awaitable<ServerGame::End> play_turns(Probe& probe, ServerGame& game, Timing timing) {
  core::Guesser guesser(game.bounds);
  core::SecretCandidates secrets(game.bounds);
  const int limit = core::max_tries(game.bounds) + 3;
  for (int turn = 0; turn < limit; ++turn) {
    const std::int64_t guess = guesser.guess();
    const Received reply = co_await next_reply(probe, game, turn, guess, timing);
    const auto understood = core::understand_reply(reply.bytes);
    game.turns.push_back({guess, reply, understood});
    const bool hint = understood.meaning == core::ReplyMeaning::higher || understood.meaning == core::ReplyMeaning::lower;
    if (reply.status != Status::data || !hint) co_return end_of(reply, understood);
    const auto side = understood.meaning == core::ReplyMeaning::higher ? core::Verdict::higher : core::Verdict::lower;
    if (!secrets.take(guess, understood.meaning) || !guesser.take(side)) co_return ServerGame::End::contradiction;
  }
  co_return ServerGame::End::too_many;
}

// After the win: FIN may come by itself; otherwise the client says FIN.
asio::awaitable<void> finish(Probe& probe, ServerGame& game, Timing timing) {
  const bool fin_in_win = core::trim(game.turns.back().reply.bytes).ends_with("FIN");
  if (!fin_in_win) {
    game.after_win = co_await probe.receive(timing.quiet * 2, timing.quiet);
    if (!core::is_fin(game.after_win.bytes)) {
      co_await probe.send(framed("FIN", game.line_framing));
      game.after_win = co_await probe.receive(timing.reply, timing.quiet);
    }
  } else {
    game.after_win = game.turns.back().reply;
  }
  const Received end = co_await probe.receive(timing.reply, timing.quiet);
  game.closed_after_fin = end.status == Status::closed || end.status == Status::reset;
}

}  // namespace

asio::awaitable<ServerGame> play_server_game(Probe probe, tcp::endpoint endpoint, Timing timing) {
  ServerGame game;
  if (co_await probe.connect(endpoint, timing.reply)) {
    game.greeting = co_await probe.receive(timing.reply, timing.quiet);
    const auto bounds = core::read_bounds(game.greeting.bytes);
    game.bounds_read = bounds.has_value();
    game.bounds = bounds.value_or(core::Bounds{1, 100});
    if (game.greeting.status == Status::data) game.end = co_await play_turns(probe, game, timing);
    if (game.end == ServerGame::End::won) co_await finish(probe, game, timing);
  }
  game.transcript = std::move(probe.transcript());
  co_return game;
}

}  // namespace liaison::check
