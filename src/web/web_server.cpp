#include "web/web_server.hpp"

#include <fmt/format.h>

#include <charconv>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <string_view>
#include <utility>

#include "net/accept_loop.hpp"
#include "net/endpoint.hpp"
#include "net/log.hpp"
#include "web/http_session.hpp"

namespace liaison::web {

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
    std::optional<Refusal> refusal = refusal_for(net::admit(settings.filter, admission, peer.address()));
    if (refusal) {
      net::log("web: refused {}: {}", net::to_string(peer), refusal->message);
      if (settings.stats) settings.stats->refused();
    }
    const HttpContext context{.settings = &settings, .admission = &admission, .stop = stopping.get_token()};
    asio::co_spawn(acceptor.get_executor(), serve(std::move(socket), peer.address(), std::move(refusal), context),
                   asio::detached);
  }

  std::optional<Refusal> refusal_for(net::Admitted admitted) const {
    switch (admitted) {
      case net::Admitted::yes:
        return std::nullopt;
      case net::Admitted::denied:
        return Refusal{http::status::forbidden, "this address may not use this server"};
      case net::Admitted::server_full:
        return Refusal{http::status::service_unavailable,
                       fmt::format("server full ({} web connections); try again later", admission.limits().max_clients)};
      case net::Admitted::too_many_from_address:
        return Refusal{http::status::too_many_requests,
                       fmt::format("too many connections from your address ({})", admission.limits().max_per_address)};
    }
    return std::nullopt;
  }

  // Keeps the state (settings, seats) alive as long as the connection.
  asio::awaitable<void> serve(tcp::socket socket, asio::ip::address address, std::optional<Refusal> refusal,
                              HttpContext context) {
    const auto self = shared_from_this();
    co_await serve_http(std::move(socket), address, std::move(refusal), std::move(context));
  }

  WebSettings settings;
  tcp::acceptor acceptor;
  net::Admission admission{settings.limits};
  std::stop_source stopping;  // every open connection closes when it is asked to stop
};

WebServer::WebServer(const asio::any_io_executor& executor, WebSettings settings)
    : state_(std::make_shared<State>(executor, std::move(settings))) {}

WebServer::~WebServer() = default;

tcp::endpoint WebServer::local_endpoint() const { return state_->acceptor.local_endpoint(); }

const std::string& WebServer::teacher_token() const { return state_->settings.teacher_token; }

void WebServer::start() { asio::co_spawn(state_->acceptor.get_executor(), state_->accept_loop(), asio::detached); }

void WebServer::stop() {
  error_code ignored;
  state_->acceptor.close(ignored);
  state_->stopping.request_stop();
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
