#include "web/routes.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <string>

#include <boost/url/parse.hpp>

#include "web/json_views.hpp"
#include "web/live_state.hpp"
#include "web/metrics.hpp"
#include "web/page.hpp"
#include "web/qr_svg.hpp"

namespace liaison::web {
namespace {

constexpr std::size_t default_top = 10;
constexpr std::size_t max_top = 1000;
constexpr std::size_t max_qr_text = 512;

Response html(const Request& request, std::string_view page) {
  return respond(request, http::status::ok, std::string(page), "text/html; charset=utf-8");
}

Response page(const Request& request, const RouteArgs&) { return html(request, page_html); }

Response play_page(const Request& request, const RouteArgs&) { return html(request, play_html); }

Response metrics(const Request& request, const RouteArgs& args) {
  return respond(request, http::status::ok, prometheus_text(*args.settings.stats, args.settings.service),
                 metrics_content_type);
}

Response stats(const Request& request, const RouteArgs& args) {
  return json(request, http::status::ok, stats_json(*args.settings.stats, args.settings.service));
}

Response leaderboard(const Request& request, const RouteArgs& args) {
  std::size_t top = default_top;
  if (const std::string text = query_value(args, "top"); !text.empty()) {
    const auto [end, parse_error] = std::from_chars(text.data(), text.data() + text.size(), top);
    if (parse_error != std::errc() || end != text.data() + text.size() || top < 1 || top > max_top)
      return error(request, http::status::bad_request, fmt::format("top must be a whole number from 1 to {}", max_top));
  }
  if (!args.settings.store) return json(request, http::status::ok, leaderboard_json({}));
  try {
    return json(request, http::status::ok, leaderboard_json(args.settings.store->leaderboard(top)));
  } catch (const std::exception& failure) {
    return error(request, http::status::service_unavailable, failure.what());
  }
}

Response qr(const Request& request, const RouteArgs& args) {
  const std::string text = query_value(args, "text");
  if (text.empty() || text.size() > max_qr_text)
    return error(request, http::status::bad_request, "text= must hold 1 to 512 bytes");
  return respond(request, http::status::ok, qr_svg(text), "image/svg+xml");
}

// The routes that read the live state: none on a server without it.
Response no_live_state(const Request& request) {
  return error(request, http::status::not_found, "no live state on this server");
}

Response players(const Request& request, const RouteArgs& args) {
  if (!args.settings.live) return no_live_state(request);
  return json(request, http::status::ok, args.settings.live->players_json());
}

Response round_view(const Request& request, const RouteArgs& args) {
  if (!args.settings.live) return no_live_state(request);
  return json(request, http::status::ok, args.settings.live->round_json());
}

// GET /events is the session's (a stream); HEAD gets its headers here.
Response events_head(const Request& request, const RouteArgs& args) {
  if (!args.settings.live) return no_live_state(request);
  return respond(request, http::status::ok, {}, "text/event-stream; charset=utf-8");
}

enum class Access { anyone, teacher };

struct Route {
  std::string_view path;
  http::verb method;  // an anyone's GET route answers HEAD too
  Access access;
  Response (*handler)(const Request&, const RouteArgs&);
};

constexpr std::array routes{
    Route{"/", http::verb::get, Access::anyone, page},
    Route{"/play", http::verb::get, Access::anyone, play_page},  // its WebSocket upgrade is the session's
    Route{"/events", http::verb::get, Access::anyone, events_head},
    Route{"/qr.svg", http::verb::get, Access::anyone, qr},
    Route{"/metrics", http::verb::get, Access::anyone, metrics},
    Route{"/api/stats", http::verb::get, Access::anyone, stats},
    Route{"/api/leaderboard", http::verb::get, Access::anyone, leaderboard},
    Route{"/api/players", http::verb::get, Access::anyone, players},
    Route{"/api/round", http::verb::get, Access::anyone, round_view},
    Route{"/api/teacher/round", http::verb::post, Access::teacher, start_round},
    Route{"/api/teacher/kick", http::verb::post, Access::teacher, kick_player},
    Route{"/api/teacher/rename", http::verb::post, Access::teacher, rename_player},
    Route{"/api/teacher/results.csv", http::verb::get, Access::teacher, results_csv},
};

const Route* find_route(std::string_view path) {
  for (const Route& candidate : routes)
    if (candidate.path == path) return &candidate;
  return nullptr;
}

bool takes(const Route& route, http::verb method) {
  if (method == route.method) return true;
  return route.access == Access::anyone && route.method == http::verb::get && method == http::verb::head;
}

Response method_not_allowed(const Request& request, const Route& route) {
  const std::string_view method = http::to_string(route.method);
  const bool reads = route.access == Access::anyone;
  Response refused = error(request, http::status::method_not_allowed,
                           reads ? std::string("only GET (or HEAD) is allowed here") : fmt::format("use {}", method));
  refused.set(http::field::allow, reads ? std::string_view("GET, HEAD") : method);
  return refused;
}

Response answer(const Request& request, const WebSettings& settings) {
  const auto target = boost::urls::parse_origin_form(request.target());
  if (!target) return error(request, http::status::bad_request, "malformed request target");
  const std::string_view path = target->encoded_path();
  const Route* found = find_route(path);
  if (!found) return error(request, http::status::not_found, fmt::format("no such page: {}", path));
  if (found->access == Access::teacher)
    if (auto refused = refuse_without_token(request, settings.teacher_token)) return std::move(*refused);
  if (!takes(*found, request.method())) return method_not_allowed(request, *found);
  return found->handler(request, RouteArgs{.settings = settings, .query = target->params()});
}

}  // namespace

bool reads_store(std::string_view path) { return path == "/api/leaderboard" || path == "/api/teacher/results.csv"; }

std::string query_value(const RouteArgs& args, std::string_view name) {
  const auto found = args.query.find(name);
  return found == args.query.end() ? std::string() : (*found).value;
}

Response route(const Request& request, const WebSettings& settings) {
  Response response = answer(request, settings);
  if (request.method() == http::verb::head) response.body().clear();  // GET's headers, Content-Length included
  return response;
}

}  // namespace liaison::web
