#include "web/http_session.hpp"

#include <fmt/format.h>

#include <chrono>
#include <functional>
#include <utility>

#include <boost/beast/websocket.hpp>

#include "web/event_stream.hpp"
#include "web/play_socket.hpp"
#include "web/routes.hpp"

namespace liaison::web {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t max_request_body = 8 * 1024;
constexpr auto request_timeout = 30s;
constexpr auto refusal_timeout = 2s;  // a refused connection holds no seat: it may not linger either

// The seat of an admitted connection, given back when the connection ends.
struct Seat {
  net::Admission* admission;  // null: none taken
  asio::ip::address address;
  ~Seat() {
    if (admission) admission->release(address);
  }
};

// "/play?lang=en" -> "/play".
std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

// A browser page may open /play only from this server's own origin; clients
// that send no Origin (not browsers) are not concerned.
bool origin_allowed(const Request& request) {
  const std::string_view origin = request[http::field::origin];
  if (origin.empty()) return true;
  const std::string_view host = request[http::field::host];
  return !host.empty() && (origin == fmt::format("http://{}", host) || origin == fmt::format("https://{}", host));
}

asio::awaitable<void> send(beast::tcp_stream& stream, const Response& response) {
  co_await http::async_write(stream, response, nothrow);
}

// The next request; nullopt when the connection is over (after a clear
// answer to what is too large or is not HTTP, rather than a silent close).
asio::awaitable<std::optional<Request>> read_request(beast::tcp_stream& stream, beast::flat_buffer& buffer) {
  http::request_parser<http::string_body> parser;
  parser.body_limit(max_request_body);
  auto [read_error, size] = co_await http::async_read(stream, buffer, parser, nothrow);
  if (!read_error) co_return parser.release();
  if (read_error == http::error::body_limit || read_error == http::error::header_limit) {
    const Request request = parser.get();
    const Response refused = error(request, http::status::payload_too_large, "request too large");
    co_await send(stream, refused);
  } else if (read_error != http::error::end_of_stream &&
             read_error.category() == http::make_error_code(http::error::bad_method).category()) {
    const Response refused = error(Request{}, http::status::bad_request, "malformed request");
    co_await send(stream, refused);
  }
  co_return std::nullopt;
}

asio::awaitable<void> refuse(beast::tcp_stream& stream, const Request& request, const Refusal& refusal) {
  Response refused = error(request, refusal.status, refusal.message);
  if (refusal.status != http::status::forbidden) refused.set(http::field::retry_after, "5");
  refused.keep_alive(false);
  co_await send(stream, refused);
}

// The upgraded connection plays until either side ends, or the server stops.
asio::awaitable<void> play_upgraded(beast::tcp_stream stream, Request request, const HttpContext& context) {
  WebSocket ws(std::move(stream));
  const std::stop_callback closing(context.stop, [&ws] { beast::get_lowest_layer(ws).socket().close(); });
  const WebSettings& settings = *context.settings;
  const PlayContext play_context{.make_session = &settings.make_session,
                                 .texts = settings.texts,
                                 .commits = settings.commits,
                                 .reads = settings.reads,
                                 .stats = settings.stats,
                                 .trace = settings.trace};
  co_await play(ws, std::move(request), play_context);
}

// What the connection does next after a request.
enum class Next { read, close, upgrade };

// The route's response, made on the reads' thread: the routes that read the
// store never run on a game loop.
asio::awaitable<Response> route_on(const asio::any_io_executor& reads, const Request& request,
                                   const WebSettings& settings) {
  co_return co_await asio::co_spawn(
      reads, [&request, &settings]() -> asio::awaitable<Response> { co_return route(request, settings); },
      asio::use_awaitable);
}

// Answers one request on `stream`: the route's response, or the events.
asio::awaitable<Next> answer(beast::tcp_stream& stream, const Request& request, const HttpContext& context) {
  const WebSettings& settings = *context.settings;
  const std::string_view path = path_of(request.target());
  if (websocket::is_upgrade(request) && path == "/play") {
    if (origin_allowed(request)) co_return Next::upgrade;
    const Response refused = error(request, http::status::forbidden, "this page may not play here (Origin)");
    co_await send(stream, refused);
    co_return Next::close;
  }
  if (path == "/events" && request.method() == http::verb::get && settings.live) {
    co_await stream_events(stream, request, *settings.live, settings.stats);
    co_return Next::close;
  }
  Response response;  // not `? co_await ... :`: GCC 12 mishandles co_await in a conditional expression
  if (settings.reads && reads_store(path))
    response = co_await route_on(settings.reads, request, settings);
  else
    response = route(request, settings);
  auto [write_error, written] = co_await http::async_write(stream, response, nothrow);
  co_return write_error || !response.keep_alive() ? Next::close : Next::read;
}

}  // namespace

asio::awaitable<void> serve_http(tcp::socket socket, asio::ip::address address, std::optional<Refusal> refusal,
                                 HttpContext context) {
  const Seat seat{refusal ? nullptr : context.admission, address};
  beast::tcp_stream stream(std::move(socket));
  std::optional<std::stop_callback<std::function<void()>>> closing;
  closing.emplace(context.stop, [&stream] { stream.socket().close(); });
  beast::flat_buffer buffer;
  for (;;) {
    stream.expires_after(refusal ? refusal_timeout : request_timeout);
    std::optional<Request> request = co_await read_request(stream, buffer);
    if (!request) break;
    if (refusal) {
      co_await refuse(stream, *request, *refusal);
      break;
    }
    const Next next = co_await answer(stream, *request, context);
    if (next == Next::upgrade) {
      stream.expires_never();
      closing.reset();  // the WebSocket closes its own
      co_await play_upgraded(std::move(stream), std::move(*request), context);
      co_return;
    }
    if (next == Next::close) break;
  }
  error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

}  // namespace liaison::web
