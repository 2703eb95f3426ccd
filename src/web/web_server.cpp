#include "web/web_server.hpp"

#include <charconv>
#include <deque>
#include <iterator>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "net/accept_loop.hpp"
#include "net/endpoint.hpp"
#include "net/log.hpp"
#include "web/json_views.hpp"
#include "web/live_state.hpp"
#include "web/metrics.hpp"
#include "web/page.hpp"
#include "web/play_socket.hpp"
#include "web/qr_svg.hpp"

namespace liaison::web {
namespace {

using namespace std::chrono_literals;

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

constexpr std::size_t max_request_body = 8 * 1024;
constexpr auto request_timeout = 30s;
constexpr auto refusal_timeout = 2s;  // a refused connection holds no seat: it may not linger either
constexpr auto event_write_timeout = 30s;  // a page whose kernel buffer stays full this long is dropped
constexpr std::size_t default_top = 10;
constexpr std::size_t max_top = 1000;
constexpr std::size_t max_event_backlog = 256 * 1024;  // a page that reads slower is dropped (it reconnects)
constexpr std::size_t max_qr_text = 512;
constexpr std::size_t max_results = 100'000;  // games in one CSV export

// One page's event stream: events queue here until the writer sends them.
// A page that leaves more than max_event_backlog unread is dropped at once:
// its write is cancelled, and the page reconnects for a fresh snapshot.
class EventStream final : public EventSink {
 public:
  explicit EventStream(beast::tcp_stream& stream) : wake(stream.get_executor()), stream_(stream) {}
  void push(const std::string& event) override {
    if (overflowed) return;
    if (queued_bytes + event.size() > max_event_backlog) {
      overflowed = true;
      stream_.cancel();  // the writer may be stuck in a write the page does not read
    } else {
      queued.push_back(event);
      queued_bytes += event.size();
    }
    wake.cancel();
  }
  std::deque<std::string> queued;
  std::size_t queued_bytes = 0;
  bool overflowed = false;
  asio::steady_timer wake;

 private:
  beast::tcp_stream& stream_;
};

// Why a connection is turned away, answered to its first request.
struct Refusal {
  http::status status;
  std::string message;
};

Response respond(const Request& request, http::status status, std::string body, std::string_view content_type) {
  Response response(status, request.version());
  response.set(http::field::server, "liaison");
  response.set(http::field::content_type, content_type);
  response.set(http::field::cache_control, "no-store");
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

Response json(const Request& request, http::status status, std::string body) {
  return respond(request, status, std::move(body), "application/json");
}

Response error(const Request& request, http::status status, std::string_view message) {
  return json(request, status, error_json(static_cast<int>(status), message));
}

// "/api/leaderboard?top=5" -> path "/api/leaderboard", query "top=5".
std::pair<std::string_view, std::string_view> split_target(std::string_view target) {
  const std::size_t mark = target.find('?');
  if (mark == std::string_view::npos) return {target, {}};
  return {target.substr(0, mark), target.substr(mark + 1)};
}

// The value of `name` in a query string ("" when absent).
std::string_view query_value(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const std::size_t end = query.find('&');
    const std::string_view pair = query.substr(0, end);
    if (pair.starts_with(name) && pair.size() > name.size() && pair[name.size()] == '=')
      return pair.substr(name.size() + 1);
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
  return {};
}

// "%2F" -> "/", "+" -> " "; a malformed escape is kept as it is.
std::string percent_decode(std::string_view text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      decoded += ' ';
    } else if (text[i] == '%' && i + 2 < text.size()) {
      unsigned value = 0;
      const auto [end, parse_error] = std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
      if (parse_error == std::errc() && end == text.data() + i + 3) {
        decoded += static_cast<char>(value);
        i += 2;
      } else {
        decoded += text[i];
      }
    } else {
      decoded += text[i];
    }
  }
  return decoded;
}

// Compares without stopping at the first difference (no timing clue).
bool same_secret(std::string_view given, std::string_view expected) {
  if (expected.empty() || given.size() != expected.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < given.size(); ++i)
    difference |= static_cast<unsigned char>(given[i] ^ expected[i]);
  return difference == 0;
}

// A nickname as a CSV cell: quoted when needed, and never read as a formula
// by a spreadsheet (a leading = + - @ gets a ').
std::string csv_cell(std::string_view text) {
  std::string cell(text);
  if (!cell.empty() && std::string_view("=+-@").find(cell.front()) != std::string_view::npos) cell.insert(0, "'");
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

// A browser page may open /play only from this server's own origin; clients
// that send no Origin (not browsers) are not concerned.
bool origin_allowed(const Request& request) {
  const std::string_view origin = request[http::field::origin];
  if (origin.empty()) return true;
  const std::string_view host = request[http::field::host];
  return !host.empty() && (origin == fmt::format("http://{}", host) || origin == fmt::format("https://{}", host));
}

}  // namespace

struct WebServer::State : std::enable_shared_from_this<State> {
  State(const asio::any_io_executor& executor, WebSettings web_settings)
      : settings(std::move(web_settings)), acceptor(net::open_acceptor(executor, settings.endpoint)) {}

  asio::awaitable<void> accept_loop() {
    const auto self = shared_from_this();  // alive while accepting
    co_await net::accept_each(acceptor, [this](tcp::socket socket) { welcome(std::move(socket)); }, "web: ");
  }

  // The address filter and the seats have their say, as for the TCP players.
  void welcome(tcp::socket socket) {
    error_code error;
    const auto peer = socket.remote_endpoint(error);
    if (error) return;  // already gone
    std::optional<Refusal> refusal;
    switch (net::admit(settings.filter, admission, peer.address())) {
      case net::Admitted::yes:
        break;
      case net::Admitted::denied:
        refusal = Refusal{http::status::forbidden, "this address may not use this server"};
        break;
      case net::Admitted::server_full:
        refusal = Refusal{http::status::service_unavailable,
                          fmt::format("server full ({} web connections); try again later", admission.limits().max_clients)};
        break;
      case net::Admitted::too_many_from_address:
        refusal = Refusal{http::status::too_many_requests,
                          fmt::format("too many connections from your address ({})", admission.limits().max_per_address)};
        break;
    }
    if (refusal) {
      net::log("web: refused {}: {}", net::to_string(peer), refusal->message);
      if (settings.stats) settings.stats->refused();
    }
    asio::co_spawn(acceptor.get_executor(), serve(std::move(socket), peer.address(), std::move(refusal)),
                        asio::detached);
  }

  // One HTTP connection: requests in turn (keep-alive), or an upgrade to /play.
  // A refused connection gets its first request answered with the refusal.
  asio::awaitable<void> serve(tcp::socket socket, asio::ip::address address, std::optional<Refusal> refusal) {
    const auto self = shared_from_this();
    struct Seat {
      net::Admission* admission;  // null: none taken
      asio::ip::address address;
      ~Seat() {
        if (admission) admission->release(address);
      }
    } const seat{refusal ? nullptr : &admission, address};
    beast::tcp_stream stream(std::move(socket));
    const std::uint64_t id = next_id++;
    live.emplace(id, [&stream] { stream.socket().close(); });
    beast::flat_buffer buffer;
    for (;;) {
      stream.expires_after(refusal ? refusal_timeout : request_timeout);
      http::request_parser<http::string_body> parser;
      parser.body_limit(max_request_body);
      auto [read_error, size] = co_await http::async_read(stream, buffer, parser, nothrow);
      if (read_error) {
        if (read_error == http::error::body_limit || read_error == http::error::header_limit) {
          const Request request = parser.get();
          const Response refused = error(request, http::status::payload_too_large, "request too large");
          co_await http::async_write(stream, refused, nothrow);
        } else if (read_error != http::error::end_of_stream &&
                   read_error.category() == http::make_error_code(http::error::bad_method).category()) {
          // Not HTTP: a clear answer rather than a silent close.
          const Response refused = error(Request{}, http::status::bad_request, "malformed request");
          co_await http::async_write(stream, refused, nothrow);
        }
        break;
      }
      Request request = parser.release();
      if (refusal) {
        Response refused = error(request, refusal->status, refusal->message);
        if (refusal->status != http::status::forbidden) refused.set(http::field::retry_after, "5");
        refused.keep_alive(false);
        co_await http::async_write(stream, refused, nothrow);
        break;
      }
      if (websocket::is_upgrade(request) && split_target(request.target()).first == "/play") {
        if (!origin_allowed(request)) {
          const Response refused = error(request, http::status::forbidden, "this page may not play here (Origin)");
          co_await http::async_write(stream, refused, nothrow);
          break;
        }
        stream.expires_never();
        live.erase(id);
        co_await play_upgraded(std::move(stream), std::move(request));
        co_return;
      }
      if (split_target(request.target()).first == "/events" && request.method() == http::verb::get && settings.live) {
        co_await stream_events(stream, request);
        break;
      }
      Response response = route(request);
      if (request.method() == http::verb::head) response.body().clear();  // GET's headers, Content-Length included
      auto [write_error, written] = co_await http::async_write(stream, response, nothrow);
      if (write_error || !response.keep_alive()) break;
    }
    error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    live.erase(id);
  }

  asio::awaitable<void> play_upgraded(beast::tcp_stream stream, Request request) {
    const std::uint64_t id = next_id++;
    WebSocket ws(std::move(stream));
    live.emplace(id, [&ws] { beast::get_lowest_layer(ws).socket().close(); });
    const PlayContext context{.make_session = &settings.make_session,
                              .texts = settings.texts,
                              .commits = settings.commits,
                              .stats = settings.stats};
    co_await play(ws, std::move(request), context);
    live.erase(id);
  }

  // Server-Sent Events: the headers, then events as they come, until the
  // page goes (a write fails: the rate event comes every second) or reads
  // too slowly (dropped; the browser reconnects and gets a new snapshot).
  asio::awaitable<void> stream_events(beast::tcp_stream& stream, const Request& request) {
    http::response<http::empty_body> header(http::status::ok, request.version());
    header.set(http::field::server, "liaison");
    header.set(http::field::content_type, "text/event-stream; charset=utf-8");
    header.set(http::field::cache_control, "no-store");
    header.keep_alive(false);
    http::response_serializer<http::empty_body> serializer(header);
    auto [header_error, header_size] = co_await http::async_write_header(stream, serializer, nothrow);
    if (header_error) co_return;
    stream.expires_never();
    EventStream events(stream);
    events.push("retry: 2000\n\n");  // the browser reconnects after 2 s
    settings.live->subscribe(events);
    if (settings.stats) settings.stats->event_streams_open.fetch_add(1, std::memory_order_relaxed);
    bool gone = false;
    while (!events.overflowed && !gone) {
      while (!events.queued.empty() && !events.overflowed) {
        const std::string event = std::move(events.queued.front());
        events.queued.pop_front();
        events.queued_bytes -= event.size();
        stream.expires_after(event_write_timeout);
        auto [write_error, written] = co_await asio::async_write(stream, asio::buffer(event), nothrow);
        if (write_error == beast::error::timeout) events.overflowed = true;  // stuck: as good as too slow
        if (write_error) {
          gone = true;
          break;
        }
      }
      if (events.overflowed || gone) break;
      stream.expires_never();
      events.wake.expires_at(std::chrono::steady_clock::time_point::max());
      co_await events.wake.async_wait(nothrow);
    }
    settings.live->unsubscribe(events);
    if (settings.stats) {
      settings.stats->event_streams_open.fetch_sub(1, std::memory_order_relaxed);
      if (events.overflowed) settings.stats->event_streams_dropped_total.fetch_add(1, std::memory_order_relaxed);
    }
    if (events.overflowed) net::log("web: a page read its events too slowly: dropped (it will reconnect)");
  }

  Response route(const Request& request) const {
    const auto [path, query] = split_target(request.target());
    if (path.starts_with("/api/teacher/")) return teacher(request, path, query);
    const bool known = path == "/" || path == "/events" || path == "/qr.svg" || path == "/api/players" ||
                       path == "/api/round" || path == "/api/stats" || path == "/api/leaderboard" ||
                       path == "/metrics" || path == "/play";
    if (!known) return error(request, http::status::not_found, fmt::format("no such page: {}", path));
    if (request.method() != http::verb::get && request.method() != http::verb::head) {
      Response refused = error(request, http::status::method_not_allowed, "only GET (or HEAD) is allowed here");
      refused.set(http::field::allow, "GET, HEAD");
      return refused;
    }
    if (path == "/metrics") return respond(request, http::status::ok, prometheus_text(*settings.stats, settings.service),
                                           metrics_content_type);
    if (path == "/api/stats") return json(request, http::status::ok, stats_json(*settings.stats, settings.service));
    if (path == "/api/leaderboard") return leaderboard(request, query);
    if (path == "/") return respond(request, http::status::ok, std::string(page_html), "text/html; charset=utf-8");
    if (path == "/play") return respond(request, http::status::ok, std::string(play_html), "text/html; charset=utf-8");
    if (path == "/qr.svg") {
      const std::string text = percent_decode(query_value(query, "text"));
      if (text.empty() || text.size() > max_qr_text)
        return error(request, http::status::bad_request, "text= must hold 1 to 512 bytes");
      return respond(request, http::status::ok, qr_svg(text), "image/svg+xml");
    }
    if (!settings.live) return error(request, http::status::not_found, "no live state on this server");
    if (path == "/events") return respond(request, http::status::ok, {}, "text/event-stream; charset=utf-8");  // HEAD
    if (path == "/api/players") return json(request, http::status::ok, settings.live->players_json());
    if (path == "/api/round") return json(request, http::status::ok, settings.live->round_json());
    return error(request, http::status::not_found, "no such page");
  }

  // The teacher's actions: only with the token printed at start-up.
  Response teacher(const Request& request, std::string_view path, std::string_view query) const {
    const std::string_view action = path.substr(std::string_view("/api/teacher/").size());
    const bool csv = action == "results.csv";
    if (!csv && action != "round" && action != "kick" && action != "rename")
      return error(request, http::status::not_found, fmt::format("no such page: {}", path));
    const std::string_view authorization = request[http::field::authorization];
    if (!authorization.starts_with("Bearer ")) {
      Response refused = error(request, http::status::unauthorized, "the teacher's token is needed (Authorization: Bearer)");
      refused.set(http::field::www_authenticate, R"(Bearer realm="liaison")");
      return refused;
    }
    if (!same_secret(authorization.substr(7), settings.teacher_token))
      return error(request, http::status::forbidden, "wrong token");
    const http::verb wanted = csv ? http::verb::get : http::verb::post;
    if (request.method() != wanted) {
      Response refused = error(request, http::status::method_not_allowed, fmt::format("use {}", http::to_string(wanted)));
      refused.set(http::field::allow, http::to_string(wanted));
      return refused;
    }
    if (csv) return results_csv(request);
    std::string refusal;
    if (action == "round") {
      if (!settings.partie) return error(request, http::status::conflict, "rounds are for --mode partie");
      refusal = settings.partie->start_round_now();
    } else {
      if (!settings.room) return error(request, http::status::conflict, "players are kicked or renamed in the salon and the partie");
      const std::string nickname = percent_decode(query_value(query, "nickname"));
      refusal = action == "kick" ? settings.room->kick(nickname)
                                 : settings.room->rename_member(nickname, percent_decode(query_value(query, "to")));
    }
    if (!refusal.empty()) return error(request, http::status::conflict, refusal);
    return json(request, http::status::ok, R"({"done":true})");
  }

  Response results_csv(const Request& request) const {
    std::string csv = "finished_at,mode,nickname,round,min,max,secret,found,tries,duration_ms,rank\r\n";
    if (settings.store) {
      try {
        for (const core::FinishedGame& finished : settings.store->history(max_results)) {
          const core::GameRecord& game = finished.game;
          fmt::format_to(std::back_inserter(csv), "{},{},{},{},{},{},{},{},{},{},{}\r\n", finished.finished_at,
                         game.mode == core::GameMode::solo ? "solo" : "round", csv_cell(game.nickname),
                         game.mode == core::GameMode::solo ? std::string() : std::to_string(game.round), game.min,
                         game.max, game.secret, game.found ? 1 : 0, game.tries, game.duration.count(), game.rank);
        }
      } catch (const std::exception& failure) {
        return error(request, http::status::service_unavailable, failure.what());
      }
    }
    Response response = respond(request, http::status::ok, std::move(csv), "text/csv; charset=utf-8");
    response.set(http::field::content_disposition, R"(attachment; filename="liaison-results.csv")");
    return response;
  }

  Response leaderboard(const Request& request, std::string_view query) const {
    std::size_t top = default_top;
    if (const std::string_view text = query_value(query, "top"); !text.empty()) {
      const auto [end, parse_error] = std::from_chars(text.data(), text.data() + text.size(), top);
      if (parse_error != std::errc() || end != text.data() + text.size() || top < 1 || top > max_top)
        return error(request, http::status::bad_request, fmt::format("top must be a whole number from 1 to {}", max_top));
    }
    if (!settings.store) return json(request, http::status::ok, leaderboard_json({}));
    try {
      return json(request, http::status::ok, leaderboard_json(settings.store->leaderboard(top)));
    } catch (const std::exception& failure) {
      return error(request, http::status::service_unavailable, failure.what());
    }
  }

  WebSettings settings;
  tcp::acceptor acceptor;
  net::Admission admission{settings.limits};
  std::map<std::uint64_t, std::function<void()>> live;  // closes each open connection on stop()
  std::uint64_t next_id = 0;
};

WebServer::WebServer(const asio::any_io_executor& executor, WebSettings settings)
    : state_(std::make_shared<State>(executor, std::move(settings))) {}

WebServer::~WebServer() = default;

tcp::endpoint WebServer::local_endpoint() const { return state_->acceptor.local_endpoint(); }

const std::string& WebServer::teacher_token() const { return state_->settings.teacher_token; }

void WebServer::start() {
  asio::co_spawn(state_->acceptor.get_executor(), state_->accept_loop(), asio::detached);
}

void WebServer::stop() {
  error_code ignored;
  state_->acceptor.close(ignored);
  const auto live = state_->live;  // closing ends connections, which erase themselves
  for (const auto& [id, close] : live) close();
}

tcp::endpoint parse_web_address(const std::string& text) {
  std::string host = "127.0.0.1";
  std::string_view port_text = text;
  if (const std::size_t colon = text.rfind(':'); colon != std::string::npos) {
    host = text.substr(0, colon);
    port_text = std::string_view(text).substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (host.empty()) host = "127.0.0.1";
  }
  unsigned port = 0;
  const auto [end, parse_error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || parse_error != std::errc() || end != port_text.data() + port_text.size() || port > 65535)
    throw std::invalid_argument(fmt::format("--web {}: expected [HOST:]PORT, e.g. 8080 or 127.0.0.1:8080", text));
  error_code address_error;
  const auto address = asio::ip::make_address(host, address_error);
  if (address_error) throw std::invalid_argument(fmt::format("--web {}: {} is not an IP address", text, host));
  return {address, static_cast<std::uint16_t>(port)};
}

}  // namespace liaison::web
