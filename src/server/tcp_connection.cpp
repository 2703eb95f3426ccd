#include "server/tcp_connection.hpp"

#include <sys/ioctl.h>
#include <linux/sockios.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/words.hpp"
#include "net/commit_wait.hpp"
#include "net/endpoint.hpp"
#include "net/log.hpp"
#include "server/goodbye.hpp"

namespace liaison::server {
namespace {

using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// How long an idle raw client may take to type the two lines that read its
// notice and then FIN (at least; the idle timeout itself if longer).
constexpr auto idle_linger = 60s;

std::string peer_of(const tcp::socket& socket) {
  error_code error;
  const auto endpoint = socket.remote_endpoint(error);
  return error ? std::string("?") : net::to_string(endpoint);
}

std::string_view describe(Ending ending) {
  switch (ending) {
    case Ending::fin: return "FIN";
    case Ending::client_closed: return "closed by client";
    case Ending::write_failed: return "write failed";
    case Ending::output_limit: return "output limit: client does not read";
    case Ending::idle: return "idle timeout";
    case Ending::shutdown: return "server shutdown";
    case Ending::kicked: return "kicked by the teacher";
  }
  return "?";
}

core::WireClose traced(Ending ending) {
  switch (ending) {
    case Ending::fin: return core::WireClose::after_fin;
    case Ending::client_closed: return core::WireClose::by_peer;
    case Ending::write_failed: return core::WireClose::write_failed;
    case Ending::output_limit: return core::WireClose::not_reading;
    case Ending::idle: return core::WireClose::idle;
    case Ending::shutdown: return core::WireClose::shutdown;
    case Ending::kicked: return core::WireClose::kicked;
  }
  return core::WireClose::by_peer;
}

}  // namespace

Connection::Connection(tcp::socket socket, std::unique_ptr<core::Session> session, const ConnectionSettings& settings)
    : socket_(std::move(socket)),
      session_(std::move(session)),
      settings_(settings),
      peer_(peer_of(socket_)),
      outbox_(settings.max_output, net::OnOverflow::drop_news) {
  error_code ignored;
  socket_.non_blocking(true, ignored);
  if (settings_.pushes) push_signals_.emplace(socket_.get_executor());
  if (settings_.trace) trace_ = std::make_unique<net::ConnectionTrace>(*settings_.trace, peer_);
}

// One coroutine per connection (two when the service pushes news): the
// idle deadline and the shutdown reach it by cancelling what it waits for.
asio::awaitable<void> Connection::run(ConnectionSet& set) {
  deadline_ = Clock::now() + settings_.idle_timeout;
  set.add(*this);
  net::log_connection("connect", peer_);
  if (settings_.stats) settings_.stats->opened();
  Ending ending = Ending::write_failed;
  try {
    session_->attach(*this);
    if (push_signals_) {
      const auto outcome = co_await (converse() || relay());
      ending = std::visit([](Ending e) { return e; }, outcome);
    } else {
      ending = co_await converse();
    }
    leaving_ = true;
    // Leave the room (if any) before the goodbye: no news is queued for a
    // client that is going.
    session_.reset();
    co_await end(ending);
  } catch (const std::exception& error) {
    net::log("error {}: {}", peer_, error.what());
  }
  leaving_ = true;
  set.remove(*this);
  if (settings_.stats) settings_.stats->closed();
  net::log_connection("disconnect", "{} ({})", peer_, describe(ending));
}

void Connection::stop() { interrupt(Ending::shutdown); }

void Connection::expire() { interrupt(Ending::idle); }

void Connection::close(std::string_view notice) {
  kick_notice_ = std::string(notice);
  interrupt(Ending::kicked);
}

Clock::time_point Connection::deadline() const {
  return leaving_ || interrupted_ ? Clock::time_point::max() : deadline_;
}

void Connection::interrupt(Ending why) {
  if (leaving_ || interrupted_ == Ending::shutdown) return;
  interrupted_ = why;
  error_code ignored;
  socket_.cancel(ignored);
  if (push_signals_) {
    push_signals_->news.wake();
    push_signals_->flushed.wake();
  }
}

void Connection::deliver(std::string_view text) {
  if (outbox_.offer(text.size()) != net::Offer::queue) {
    if (settings_.stats) settings_.stats->dropped_push();
    return;
  }
  const std::size_t before = queued_.size();
  queued_ += core::encode(text, decoder_.framing());
  outbox_.queued(queued_.size() - before);
  if (trace_) trace_->sent(std::string_view(queued_).substr(before));
  if (push_signals_) push_signals_->news.wake();
}

asio::awaitable<Ending> Connection::converse() {
  const std::string greeting = session_->greeting();
  const bool greeted = co_await send(greeting);  // named: GCC 12 miscompiles `if (!co_await ...)`
  if (interrupted_) co_return *interrupted_;
  if (!greeted) co_return Ending::write_failed;
  std::vector<core::Message> messages;
  const asio::any_io_executor executor = socket_.get_executor();
  for (;;) {
    const auto chunk = co_await receive();
    if (chunk && interrupted_ == Ending::idle) interrupted_.reset();  // it spoke just in time
    if (interrupted_) co_return *interrupted_;
    if (!chunk) co_return Ending::client_closed;
    if (trace_) trace_->received(*chunk);
    const Clock::time_point arrived = Clock::now();
    deadline_ = arrived + settings_.idle_timeout;
    messages.clear();
    decoder_.feed(*chunk, messages);
    if (outbox_.over()) co_return Ending::output_limit;
    for (const core::Message& message : messages) {
      // A client that sends several messages without waiting for the replies
      // may not be reading them at all: check what it leaves unread before
      // each reply (the kernel's buffer is small: waiting for it to drain
      // would stop our reading too, and the client's sending with it).
      if (messages.size() > 1 && over_output_limit()) co_return Ending::output_limit;
      // A reply that tells of a finished game goes once the game is safe.
      const core::Reply reply =
          co_await net::answer_when_recorded(*session_, message, *settings_.texts, settings_.commits, executor,
                                             settings_.reads);
      if (settings_.verbose) net::log("{} < {:?} > {:?}", peer_, message.text, reply.text);
      const bool sent = co_await send(reply.text);
      if (settings_.stats) settings_.stats->answered(Clock::now() - arrived);
      if (interrupted_) co_return *interrupted_;
      if (!sent) co_return Ending::write_failed;
      if (reply.last) {
        // The last reply may sit behind news the relay is writing: it must
        // go out before the conversation (and the relay) ends.
        const bool all_sent = co_await flushed();
        co_return all_sent ? Ending::fin : Ending::write_failed;
      }
    }
  }
}

asio::awaitable<std::optional<std::string_view>> Connection::receive() {
  thread_local std::array<char, 64 * 1024> whole;
  auto [error, size] = co_await socket_.async_read_some(asio::buffer(inbox_), nothrow);
  if (error || size == 0) co_return std::nullopt;
  if (size < inbox_.size()) co_return std::string_view(inbox_.data(), size);
  // The inbox is full: what else has arrived belongs with it (a raw message
  // is everything one read returns).
  std::memcpy(whole.data(), inbox_.data(), size);
  error_code more_error;
  const std::size_t more = socket_.read_some(asio::buffer(whole.data() + size, whole.size() - size), more_error);
  if (!more_error) size += more;  // an error (or the end) shows on the next read
  co_return std::string_view(whole.data(), size);
}

asio::awaitable<Ending> Connection::relay() {
  for (;;) {
    co_await push_signals_->news.wait();  // woken by deliver() and interrupt()
    if (interrupted_) co_return *interrupted_;
    const bool sent = co_await flush();
    if (interrupted_) co_return *interrupted_;
    if (!sent) co_return Ending::write_failed;
  }
}

// How the goodbye reaches the client. The lesson's client reads one recv(1024)
// after each line its user types, and stops only on an exact "FIN":
// - a line client reads every line: it gets the notice, then FIN;
// - an idle raw client is waiting for its user: it gets the 1024-byte notice
//   then FIN, and the connection stays open (draining) for at least a minute
//   more, so that the two lines its user types to read them are accepted;
// - at shutdown the process leaves within its limit, so a raw client, which
//   would need two sends to read a notice then FIN, gets FIN alone: it reads
//   it with its next recv, however late, and ends normally.
asio::awaitable<void> Connection::end(Ending ending) {
  if (ending == Ending::write_failed || ending == Ending::output_limit) {
    if (trace_) trace_->closed(traced(ending));
    socket_.close();
    co_return;
  }
  const std::string last_words = last_words_for(ending);
  if (trace_ && !last_words.empty()) trace_->sent(last_words);
  // A raw client needs two more lines from its user to read a notice then FIN.
  const bool notice_first = ending == Ending::idle || ending == Ending::kicked;
  const Clock::duration limit = notice_first ? std::max<Clock::duration>(settings_.idle_timeout, idle_linger)
                                             : Clock::duration(goodbye_limit);
  co_await close_gracefully(socket_, last_words, limit);
  if (trace_) trace_->closed(traced(ending));
}

std::string Connection::last_words_for(Ending ending) const {
  const core::Texts& texts = *settings_.texts;
  const core::Framing framing = decoder_.framing();
  switch (ending) {
    case Ending::fin:
      return {};
    case Ending::idle:
      return notice_then_fin(texts.idle_kick.format(settings_.idle_timeout.count()), framing);
    case Ending::kicked:
      return notice_then_fin(kick_notice_, framing);
    case Ending::shutdown:
      if (framing == core::Framing::line) return notice_then_fin(texts.shutting_down, framing);
      [[fallthrough]];
    default:  // the client closed its side: it may still read
      return core::encode(core::fin, framing);
  }
}

// Most replies go out at once with one send(); only what the socket does not
// take is queued for the writer.
asio::awaitable<bool> Connection::send(std::string_view text) {
  if (text.empty()) co_return true;  // a reply with nothing to say (see core::Reply)
  const std::string bytes = core::encode(text, decoder_.framing());
  if (trace_) trace_->sent(bytes);
  if (writing_ || !queued_.empty()) {
    queued_ += bytes;
    outbox_.queued(bytes.size());
  } else {
    const std::size_t written = write_now(bytes);
    if (written == bytes.size() || write_failed_) co_return !write_failed_;
    queued_.append(bytes, written);
    outbox_.queued(bytes.size() - written);
  }
  const bool sent = co_await flush();
  co_return sent;
}

std::size_t Connection::write_now(std::string_view bytes) {
  error_code error;
  const std::size_t written = socket_.write_some(asio::buffer(bytes), error);
  if (!error) return written;
  if (error != asio::error::would_block && error != asio::error::try_again) write_failed_ = true;
  return 0;
}

// One writer at a time: a flush that finds another under way leaves its bytes
// to it (that one loops until nothing is queued).
asio::awaitable<bool> Connection::flush() {
  if (writing_) co_return !write_failed_;
  writing_ = true;
  std::string in_flight;
  while (!queued_.empty() && !write_failed_) {
    in_flight.swap(queued_);
    outbox_.taken(in_flight.size());
    const std::size_t written = write_now(in_flight);
    if (written < in_flight.size() && !write_failed_) {
      auto [error, rest] = co_await asio::async_write(socket_, asio::buffer(in_flight) + written, nothrow);
      if (error) write_failed_ = true;
    }
    in_flight.clear();
    if (const std::size_t lost = outbox_.notice_due()) {
      const std::string notice = settings_.texts->pushes_dropped.format(lost);
      const std::size_t before = queued_.size();
      queued_ += core::encode(notice, decoder_.framing());
      if (trace_) trace_->sent(std::string_view(queued_).substr(before));
      outbox_.queued(queued_.size());
    }
  }
  writing_ = false;
  queued_.shrink_to_fit();  // an idle connection holds no buffer
  if (push_signals_) push_signals_->flushed.wake();
  co_return !write_failed_;
}

asio::awaitable<bool> Connection::flushed() {
  while (writing_ && !write_failed_) co_await push_signals_->flushed.wait();
  co_return !write_failed_;
}

// Bytes we wrote that the client has not yet acknowledged: a client that sends
// without reading makes this grow until the kernel buffers are full.
bool Connection::over_output_limit() const {
  int unsent = 0;
  if (::ioctl(const_cast<tcp::socket&>(socket_).native_handle(), SIOCOUTQ, &unsent) != 0) return false;
  return static_cast<std::size_t>(unsent) > settings_.max_output;
}

}  // namespace liaison::server
