#include "web/http.hpp"

#include <utility>

#include "web/json_views.hpp"

namespace liaison::web {

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

}  // namespace liaison::web
