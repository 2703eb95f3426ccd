// One web connection: HTTP requests in turn (keep-alive), the page's event
// stream, or an upgrade to /play.
#pragma once

#include <optional>
#include <stop_token>
#include <string>

#include "net/admission.hpp"
#include "net/asio.hpp"
#include "web/http.hpp"
#include "web/web_server.hpp"

namespace liaison::web {

// Why a connection is turned away, answered to its first request.
struct Refusal {
  http::status status;
  std::string message;
};

struct HttpContext {
  const WebSettings* settings = nullptr;
  // The seat taken for the connection, given back when it ends (none for a refused one).
  net::Admission* admission = nullptr;
  std::stop_token stop;  // the server stops: the connection closes
};

// Serves `socket` until either side ends it. A refused connection gets its
// first request answered with the refusal, then is closed.
asio::awaitable<void> serve_http(tcp::socket socket, asio::ip::address address, std::optional<Refusal> refusal,
                                 HttpContext context);

}  // namespace liaison::web
