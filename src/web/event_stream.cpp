#include "web/event_stream.hpp"

#include <chrono>
#include <deque>
#include <string>

#include "net/log.hpp"
#include "net/outbox_policy.hpp"
#include "net/wakeup.hpp"
#include "web/live_state.hpp"

namespace liaison::web {
namespace {

using namespace std::chrono_literals;

constexpr auto event_write_timeout = 30s;  // a page whose kernel buffer stays full this long is dropped
constexpr std::size_t max_event_backlog = 256 * 1024;  // a page that reads slower is dropped (it reconnects)

// One page's events queue here until the writer sends them. A page that
// leaves more than max_event_backlog unread is dropped at once: its write is
// cancelled, and the page reconnects for a fresh snapshot.
class EventStream final : public EventSink {
 public:
  explicit EventStream(beast::tcp_stream& stream) : stream_(stream), wake_(stream.get_executor()) {}

  void push(const std::string& event) override {
    switch (outbox_.offer(event.size())) {
      case net::Offer::queue:
        queued_.push_back(event);
        outbox_.queued(event.size());
        break;
      case net::Offer::overflow:
        stream_.cancel();  // the writer may be stuck in a write the page does not read
        break;
      case net::Offer::drop:
        return;
    }
    wake_.wake();
  }

  // The only writer: events in order, until the page goes or overflows.
  asio::awaitable<void> relay() {
    while (!outbox_.overflowed()) {
      while (!queued_.empty() && !outbox_.overflowed()) {
        const std::string event = std::move(queued_.front());
        queued_.pop_front();
        outbox_.taken(event.size());
        stream_.expires_after(event_write_timeout);
        auto [write_error, written] = co_await asio::async_write(stream_, asio::buffer(event), nothrow);
        if (write_error == beast::error::timeout) outbox_.stuck();  // stuck: as good as too slow
        if (write_error) co_return;
      }
      if (outbox_.overflowed()) co_return;
      stream_.expires_never();
      co_await wake_.wait();
    }
  }

  bool overflowed() const { return outbox_.overflowed(); }

 private:
  beast::tcp_stream& stream_;
  std::deque<std::string> queued_;
  net::OutboxPolicy outbox_{max_event_backlog, net::OnOverflow::drop_reader};
  net::Wakeup wake_;
};

asio::awaitable<bool> write_header(beast::tcp_stream& stream, const Request& request) {
  http::response<http::empty_body> header(http::status::ok, request.version());
  header.set(http::field::server, "liaison");
  header.set(http::field::content_type, "text/event-stream; charset=utf-8");
  header.set(http::field::cache_control, "no-store");
  header.keep_alive(false);
  http::response_serializer<http::empty_body> serializer(header);
  auto [header_error, header_size] = co_await http::async_write_header(stream, serializer, nothrow);
  co_return !header_error;
}

}  // namespace

asio::awaitable<void> stream_events(beast::tcp_stream& stream, const Request& request, LiveState& live,
                                    net::ServerStats* stats) {
  const bool written = co_await write_header(stream, request);  // named: GCC 12 and `if (!co_await ...)`
  if (!written) co_return;
  stream.expires_never();
  EventStream events(stream);
  events.push("retry: 2000\n\n");  // the browser reconnects after 2 s
  live.subscribe(events);
  if (stats) stats->event_streams_open.fetch_add(1, std::memory_order_relaxed);
  co_await events.relay();
  live.unsubscribe(events);
  if (stats) {
    stats->event_streams_open.fetch_sub(1, std::memory_order_relaxed);
    if (events.overflowed()) stats->event_streams_dropped_total.fetch_add(1, std::memory_order_relaxed);
  }
  if (events.overflowed()) net::log("web: a page read its events too slowly: dropped (it will reconnect)");
}

}  // namespace liaison::web
