// The web side's answers, as pure functions from a request to a response:
// one table lists every path, the method it takes and who may ask (anyone,
// or the teacher with the token printed at start-up). Testable without a
// socket; the HTTP session only reads, writes, and takes /events' stream
// and the /play upgrade before they get here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/url/params_view.hpp>

#include "web/http.hpp"
#include "web/web_server.hpp"

namespace liaison::web {

// Answers `request`: 404 for an unknown path, 405 (with Allow) for a method
// the path does not take, 401/403 for a teacher's action without the right
// token, 400 for a target that is not a path and query. HEAD answers what
// GET would, without the body (Content-Length included).
Response route(const Request& request, const WebSettings& settings);

// True for the paths whose answer reads the score store (the leaderboard,
// the teacher's export): the HTTP session answers them off the game loop.
bool reads_store(std::string_view path);

// What a route's handler gets besides the request.
struct RouteArgs {
  const WebSettings& settings;
  boost::urls::params_view query;  // decoded ("%2F" -> "/", "+" -> " ")
};

// The decoded value of `name` in the query ("" when absent).
std::string query_value(const RouteArgs& args, std::string_view name);

// The teacher's routes (teacher_routes.cpp), checked for the token already.
Response start_round(const Request& request, const RouteArgs& args);
Response kick_player(const Request& request, const RouteArgs& args);
Response rename_player(const Request& request, const RouteArgs& args);
Response results_csv(const Request& request, const RouteArgs& args);
// nullopt when the request carries the teacher's token; the refusal otherwise.
std::optional<Response> refuse_without_token(const Request& request, std::string_view token);

}  // namespace liaison::web
