#include "client/server_link.hpp"

#include <variant>

#include "client/connect_client.hpp"
#include "core/framing.hpp"
#include "core/utf8.hpp"
#include "core/words.hpp"
#include "net/endpoint.hpp"
#include "terminal/console.hpp"

namespace liaison::client {

using namespace asio::experimental::awaitable_operators;

ServerLink::ServerLink(const asio::any_io_executor& executor, const ClientOptions& options, bool lines,
                       net::ConnectionTrace::Sink trace_sink)
    : options_(options), lines_(lines), socket_(executor), inbox_(lines), trace_sink_(std::move(trace_sink)) {}

asio::awaitable<bool> ServerLink::connect() {
  const bool connected = co_await connect_client(socket_, options_);
  if (connected) socket_.non_blocking(true);
  if (connected && options_.trace) {
    error_code error;
    const auto server = socket_.remote_endpoint(error);
    trace_ = std::make_unique<net::ConnectionTrace>(*options_.trace, error ? "?" : net::to_string(server),
                                                    std::move(trace_sink_));
    inbox_.trace_with(trace_.get());
  }
  co_return connected;
}

asio::awaitable<bool> ServerLink::wait_for_server(std::chrono::steady_clock::duration fin_reply_limit) {
  if (!fin_sent_) {
    auto [error] = co_await server_spoke();
    terminal::unwind_if_aborted(error);
    co_return true;
  }
  asio::steady_timer deadline(socket_.get_executor(), fin_reply_limit);
  auto event = co_await (server_spoke() || deadline.async_wait(nothrow));
  std::visit([](const auto& result) { terminal::unwind_if_aborted(std::get<0>(result)); }, event);
  co_return event.index() == 0;
}

asio::awaitable<bool> ServerLink::send(std::string_view text) {
  const std::string_view fitting = core::utf8_prefix(text, core::max_message_bytes);
  const std::string bytes = core::encode(fitting, lines_ ? core::Framing::line : core::Framing::raw);
  trace_sent(bytes);
  co_await asio::async_write(socket_, asio::buffer(bytes), nothrow);
  fin_sent_ = fin_sent_ || text == core::fin;
  co_return fitting.size() < text.size();
}

void ServerLink::say_fin_now() {
  if (!socket_.is_open() || fin_sent_) return;
  const std::string fin = core::encode(core::fin, lines_ ? core::Framing::line : core::Framing::raw);
  trace_sent(fin);
  error_code ignored;
  socket_.write_some(asio::buffer(fin), ignored);
}

void ServerLink::close() {
  if (trace_) trace_->closed(core::WireClose::by_us);
  error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

}  // namespace liaison::client
