#include "web/play_socket.hpp"

#include <fmt/format.h>

#include <chrono>
#include <deque>
#include <string>
#include <utility>

#include "core/framing.hpp"
#include "core/words.hpp"
#include "net/commit_wait.hpp"
#include "net/endpoint.hpp"
#include "net/outbox_policy.hpp"
#include "net/wakeup.hpp"

namespace liaison::web {
namespace {

using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

constexpr std::size_t max_frame = 64 * 1024;   // beyond this, Beast closes with 1009 (too big)
constexpr std::size_t max_output = 64 * 1024;  // bytes left unread before news are dropped
constexpr auto idle_timeout = 300s;

class PlaySocket final : public core::Peer {
 public:
  PlaySocket(WebSocket& ws, const PlayContext& context) : ws_(ws), context_(context), wake_(ws_.get_executor()) {
    if (context_.trace) trace_ = std::make_unique<net::ConnectionTrace>(*context_.trace, peer_of(ws_));
  }

  asio::awaitable<void> run(http::request<http::string_body> request) {
    websocket::stream_base::timeout timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.idle_timeout = idle_timeout;
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.read_message_max(max_frame);
    auto [accept_error] = co_await ws_.async_accept(request, nothrow);
    if (accept_error) co_return;
    if (context_.stats) context_.stats->opened();
    session_ = (*context_.make_session)();
    session_->attach(*this);
    co_await (converse() || write_frames());
    if (trace_) trace_->closed(closed_why_);
    session_.reset();  // leaves the room (if any) before the socket goes
    if (context_.stats) context_.stats->closed();
  }

  // A WebSocket client reads every frame as it comes: news are pushed.
  core::Framing framing() const override { return core::Framing::line; }

  // A teacher's kick: the notice, then the close (1008: policy).
  void close(std::string_view notice) override {
    queue(std::string(notice));
    close_code_ = websocket::close_code::policy_error;
    closing_ = true;
    closed_why_ = core::WireClose::kicked;
    wake_.wake();
  }

  void deliver(std::string_view text) override {
    if (outbox_.offer(text.size()) != net::Offer::queue) {
      if (context_.stats) context_.stats->dropped_push();
      return;
    }
    queue(std::string(text));
  }

 private:
  // Reads frames and answers them; ends when the client goes, or when it
  // leaves more unread than the bound (it does not read its replies).
  asio::awaitable<void> converse() {
    queue(without_last_newline(session_->greeting()));
    beast::flat_buffer buffer;
    const asio::any_io_executor executor = ws_.get_executor();
    for (;;) {
      auto [read_error, size] = co_await ws_.async_read(buffer, nothrow);
      if (read_error) co_return;
      if (trace_) trace_->received(beast::buffers_to_string(buffer.data()));
      const auto arrived = std::chrono::steady_clock::now();
      core::Message message{.text = beast::buffers_to_string(buffer.data()), .too_long = false};
      buffer.consume(size);
      if (message.text.size() > core::max_message_bytes) message = {.text = {}, .too_long = true};
      core::Reply reply =
          co_await net::answer_when_recorded(*session_, message, *context_.texts, context_.commits, executor,
                                             context_.reads);
      if (!reply.text.empty()) queue(std::move(reply.text));
      if (context_.stats) context_.stats->answered(std::chrono::steady_clock::now() - arrived);
      if (reply.last) {
        closing_ = true;  // the writer closes (1000) once FIN is out
        closed_why_ = core::WireClose::after_fin;
        wake_.wake();
        co_await wait_forever();
      }
      if (outbox_.over()) {
        closed_why_ = core::WireClose::not_reading;
        co_return;
      }
    }
  }

  // The only writer: frames in order, then the close once FIN is sent.
  asio::awaitable<void> write_frames() {
    for (;;) {
      while (!frames_.empty()) {
        const std::string frame = std::move(frames_.front());
        frames_.pop_front();
        outbox_.taken(frame.size());
        ws_.text(true);
        if (trace_) trace_->sent(frame);
        auto [write_error, written] = co_await ws_.async_write(asio::buffer(frame), nothrow);
        if (write_error) co_return;
        if (const std::size_t lost = frames_.empty() ? outbox_.notice_due() : 0)
          queue(context_.texts->pushes_dropped.format(lost));
      }
      if (closing_) {
        co_await ws_.async_close(close_code_, nothrow);
        co_return;
      }
      co_await wake_.wait();  // woken by queue()
    }
  }

  asio::awaitable<void> wait_forever() {
    asio::steady_timer never(ws_.get_executor(), std::chrono::steady_clock::time_point::max());
    co_await never.async_wait(nothrow);
  }

  void queue(std::string frame) {
    outbox_.queued(frame.size());
    frames_.push_back(std::move(frame));
    wake_.wake();
  }

  static std::string peer_of(WebSocket& ws) {
    error_code error;
    const auto endpoint = beast::get_lowest_layer(ws).socket().remote_endpoint(error);
    return error ? std::string("?") : net::to_string(endpoint);
  }

  static std::string without_last_newline(std::string text) {
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
  }

  WebSocket& ws_;
  PlayContext context_;
  std::unique_ptr<core::Session> session_;
  std::deque<std::string> frames_;
  net::OutboxPolicy outbox_{max_output, net::OnOverflow::drop_news};  // counts frames_' bytes
  bool closing_ = false;
  websocket::close_code close_code_ = websocket::close_code::normal;
  net::Wakeup wake_;
  std::unique_ptr<net::ConnectionTrace> trace_;  // only with --trace
  core::WireClose closed_why_ = core::WireClose::by_peer;
};

}  // namespace

asio::awaitable<void> play(WebSocket& ws, http::request<http::string_body> request, PlayContext context) {
  PlaySocket socket(ws, context);
  co_await socket.run(std::move(request));
}

}  // namespace liaison::web
