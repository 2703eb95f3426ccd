#include "bench/simulated_player.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstring>
#include <string>

#include "core/guesser.hpp"
#include "core/texts.hpp"
#include "core/words.hpp"
#include "bench/reply_shape.hpp"
#include "bench/source_addresses.hpp"
#include "bench/worker.hpp"

namespace liaison::bench {
namespace {

constexpr std::string_view replay_yes = "o";  // the server takes o/oui/y/yes in either language
constexpr std::string_view replay_no = "n";

// At most the first 120 bytes of what the server said, quoted, for an error message.
std::string excerpt(std::string_view bytes) {
  constexpr std::size_t shown = 120;
  if (bytes.size() <= shown) return fmt::format("{:?}", bytes);
  return fmt::format("{:?}... ({} bytes)", bytes.substr(0, shown), bytes.size());
}

bool is_would_block(const error_code& error) {
  return error == asio::error::would_block || error == asio::error::try_again;
}

}  // namespace

SimulatedPlayer::SimulatedPlayer(Worker& worker, std::size_t number, bool idle)
    : worker_(worker),
      socket_(worker.context()),
      timer_(worker.context()),
      timeout_(worker.plan().timeout),
      number_(number),
      idle_(idle) {}

asio::awaitable<void> SimulatedPlayer::run() {
  const bool greeted = co_await connect_and_greet();
  worker_.connection_settled();
  if (greeted) {
    if (idle_ ? co_await stay_idle() : co_await play()) {
      error_code ignored;
      socket_.close(ignored);
    }
  }
  worker_.player_ended();
}

void SimulatedPlayer::enforce_deadline(Clock::time_point now) {
  if (now < deadline_ || timed_out_) return;
  timed_out_ = true;
  error_code ignored;
  socket_.cancel(ignored);
}

void SimulatedPlayer::wake() { timer_.cancel(); }

asio::awaitable<bool> SimulatedPlayer::connect_and_greet() {
  arm();
  if (const auto& sources = worker_.plan().sources; !sources.empty()) {
    error_code error;
    bind_source(socket_, sources[number_ % sources.size()], error);
    if (error) co_return fail(ErrorKind::refused, fmt::format("binding to a source address: {}", error.message()));
  }
  auto [error] = co_await socket_.async_connect(worker_.plan().server, nothrow);
  deadline_ = Clock::time_point::max();
  if (timed_out_) co_return fail(ErrorKind::timeout, "no connection within the timeout");
  if (error) co_return fail(ErrorKind::refused, fmt::format("connect: {}", error.message()));
  error_code ignored;
  socket_.set_option(tcp::no_delay(true), ignored);
  socket_.non_blocking(true, ignored);
  // Before the client has spoken, the server ends its greeting with "\n".
  if (!co_await exchange({}, Framing::line)) co_return false;
  co_return take_greeting();
}

asio::awaitable<bool> SimulatedPlayer::play() {
  const Framing framing = worker_.plan().line ? Framing::line : Framing::raw;
  next_send_ = Clock::now() + worker_.plan().stagger * static_cast<Clock::rep>(number_);
  for (;;) {
    core::Guesser guesser(bounds_);
    for (;;) {
      // Closed loop: the guess is due now. Open loop: at its place in the schedule.
      const Clock::time_point intended = worker_.plan().interval ? co_await wait_for_turn() : Clock::now();
      if (worker_.stopping()) co_return co_await say_goodbye(core::fin);
      if (!co_await exchange(guess_text(guesser.guess()), framing)) co_return false;
      worker_.record_guess(Clock::now() - intended);
      const core::ReplyKind kind = core::classify_reply(reply_);
      if (kind == core::ReplyKind::won) break;
      const bool narrowed = (kind == core::ReplyKind::higher && guesser.take(core::Verdict::higher)) ||
                            (kind == core::ReplyKind::lower && guesser.take(core::Verdict::lower));
      if (!narrowed) co_return fail(ErrorKind::unexpected, "reply to a guess: " + excerpt(reply_));
    }
    worker_.record_game();
    if (worker_.stopping()) co_return co_await say_goodbye(replay_no);
    if (!co_await exchange(replay_yes, framing)) co_return false;
    if (!take_greeting()) co_return false;
  }
}

// Open loop: when the next guess is due, which is where its latency is
// measured from, even if a slow reply made us late, so that a stall shows in
// the latency instead of silently lowering the rate.
asio::awaitable<Clock::time_point> SimulatedPlayer::wait_for_turn() {
  const Clock::time_point due = next_send_;
  next_send_ += *worker_.plan().interval;
  if (due > Clock::now() && !worker_.stopping()) {
    timer_.expires_at(due);
    co_await timer_.async_wait(nothrow);
  }
  co_return due;
}

asio::awaitable<bool> SimulatedPlayer::stay_idle() {
  while (!worker_.stopping()) {
    timer_.expires_at(Clock::time_point::max());
    co_await timer_.async_wait(nothrow);
  }
  // Still there? One guess, and any answer of the game proves it.
  if (!co_await exchange(guess_text(core::midpoint(bounds_)), Framing::raw)) co_return false;
  const core::ReplyKind kind = core::classify_reply(reply_);
  if (kind != core::ReplyKind::higher && kind != core::ReplyKind::lower && kind != core::ReplyKind::won)
    co_return fail(ErrorKind::unexpected, "idle connection's reply: " + excerpt(reply_));
  worker_.record_idle_answer();
  co_return co_await say_goodbye(core::fin);
}

asio::awaitable<bool> SimulatedPlayer::say_goodbye(std::string_view word) {
  const Framing framing = worker_.plan().line && !idle_ ? Framing::line : Framing::raw;
  if (!co_await exchange(word, framing)) co_return false;
  if (core::classify_reply(reply_) != core::ReplyKind::fin_word)
    co_return fail(ErrorKind::unexpected, fmt::format("reply to {}: {} instead of FIN", word, excerpt(reply_)));
  co_return true;
}

bool SimulatedPlayer::take_greeting() {
  const auto bounds = core::parse_bounds(reply_);
  if (!bounds) return fail(ErrorKind::unexpected, "greeting without bounds: " + excerpt(reply_));
  bounds_ = *bounds;
  return true;
}

std::string_view SimulatedPlayer::guess_text(std::int64_t guess) {
  const auto [end, error] = std::to_chars(out_.data(), out_.data() + out_.size(), guess);
  return {out_.data(), static_cast<std::size_t>(end - out_.data())};
}

// Sends `message` (with "\n" in line framing; nothing when it is empty), then
// reads until the bytes make one whole reply, which reply_ then views without
// its terminator. All in one coroutine: a guess costs one frame, which Asio's
// per-thread cache recycles (nested calls would outnumber its two slots).
asio::awaitable<bool> SimulatedPlayer::exchange(std::string_view message, Framing framing) {
  if (!message.empty()) {
    const std::size_t size = frame(message, framing);
    const auto written = write_now(size);
    if (!written) co_return false;
    if (*written < size && !co_await write_rest(*written, size)) co_return false;
  }
  // async_read_some, not async_wait + read_some: with Boost 1.81's epoll
  // reactor, every async_wait re-arms the descriptor with an epoll_ctl call,
  // while a read that finds nothing just waits for the next event.
  std::size_t received = 0;
  for (;;) {
    arm();
    auto [error, size] = co_await socket_.async_read_some(
        asio::buffer(in_.data() + received, in_.size() - received), nothrow);
    if (error == asio::error::eof && !timed_out_) co_return fail(ErrorKind::closed, "the server closed the connection");
    if (!settle(error, "reading a reply")) co_return false;
    received += size;
    const ReadOutcome outcome = judge(received, framing);
    if (outcome != ReadOutcome::more) co_return outcome == ReadOutcome::whole;
  }
}

// Copies `message` to out_ (unless it is there already) with its terminator.
std::size_t SimulatedPlayer::frame(std::string_view message, Framing framing) {
  if (message.data() != out_.data()) std::memcpy(out_.data(), message.data(), message.size());
  std::size_t size = message.size();
  if (framing == Framing::line) out_[size++] = '\n';
  return size;
}

// A message is a few bytes: one non-blocking write sends it at once. Returns
// how much went; nullopt when the connection failed.
std::optional<std::size_t> SimulatedPlayer::write_now(std::size_t size) {
  error_code error;
  const std::size_t written = socket_.write_some(asio::buffer(out_.data(), size), error);
  if (is_would_block(error)) return 0;
  if (error) {
    fail(ErrorKind::closed, fmt::format("sending: {}", error.message()));
    return std::nullopt;
  }
  return written;
}

// Only when the socket's buffer was full: waits to send the rest.
asio::awaitable<bool> SimulatedPlayer::write_rest(std::size_t from, std::size_t size) {
  arm();
  auto [error, written] = co_await asio::async_write(socket_, asio::buffer(out_.data() + from, size - from), nothrow);
  co_return settle(error, "sending");
}

// Says whether the `received` bytes of in_ make one whole reply (then reply_
// views it), call for more bytes, or are not what the game says (failed).
SimulatedPlayer::ReadOutcome SimulatedPlayer::judge(std::size_t received, Framing framing) {
  const std::string_view bytes(in_.data(), received);
  const ReplyState state = framing == Framing::line ? line_reply_state(bytes) : raw_reply_state(bytes);
  if (state == ReplyState::whole) {
    reply_ = without_terminator(bytes);
    return ReadOutcome::whole;
  }
  if (state == ReplyState::partial && received < in_.size()) return ReadOutcome::more;
  fail(ErrorKind::unexpected, "not a reply of the game: " + excerpt(bytes));
  return ReadOutcome::failed;
}

bool SimulatedPlayer::settle(const error_code& error, std::string_view doing) {
  deadline_ = Clock::time_point::max();
  if (timed_out_) return fail(ErrorKind::timeout, fmt::format("{}: no answer within the timeout", doing));
  if (error) return fail(ErrorKind::closed, fmt::format("{}: {}", doing, error.message()));
  return true;
}

bool SimulatedPlayer::fail(ErrorKind kind, std::string_view what) {
  deadline_ = Clock::time_point::max();
  worker_.record_error(kind, what);
  error_code ignored;
  socket_.close(ignored);
  return false;
}

}  // namespace liaison::bench
