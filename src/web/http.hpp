// Beast's names for the web side, and the answers every route builds: one
// place for the headers each response carries (Server, Cache-Control:
// no-store, the request's keep-alive).
#pragma once

#include <string>
#include <string_view>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace liaison::web {

namespace beast = boost::beast;
namespace http = beast::http;

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

Response respond(const Request& request, http::status status, std::string body, std::string_view content_type);
Response json(const Request& request, http::status status, std::string body);
// {"error":"...","status":N}, with that status.
Response error(const Request& request, http::status status, std::string_view message);

}  // namespace liaison::web
