// The teacher's actions: only with the token printed at start-up.
#include <fmt/format.h>

#include <iterator>
#include <string>

#include "core/chat_room.hpp"
#include "core/partie.hpp"
#include "web/routes.hpp"

namespace liaison::web {
namespace {

constexpr std::size_t max_results = 100'000;  // games in one CSV export

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
  if (!cell.empty() && std::string_view("=+-@").find(cell.front()) != std::string_view::npos) cell.insert(cell.begin(), '\'');
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

void append_csv_row(std::string& csv, const core::FinishedGame& finished) {
  const core::GameRecord& game = finished.game;
  const bool solo = game.mode == core::GameMode::solo;
  fmt::format_to(std::back_inserter(csv), "{},{},{},{},{},{},{},{},{},{},{}\r\n", finished.finished_at,
                 solo ? "solo" : "round", csv_cell(game.nickname), solo ? std::string() : std::to_string(game.round),
                 game.min, game.max, game.secret, game.found ? 1 : 0, game.tries, game.duration.count(), game.rank);
}

// The room's answer: "" when done, the refusal (409) otherwise.
Response room_answer(const Request& request, const std::string& refusal) {
  if (!refusal.empty()) return error(request, http::status::conflict, refusal);
  return json(request, http::status::ok, R"({"done":true})");
}

Response no_room(const Request& request) {
  return error(request, http::status::conflict, "players are kicked or renamed in the salon and the partie");
}

}  // namespace

std::optional<Response> refuse_without_token(const Request& request, std::string_view token) {
  const std::string_view authorization = request[http::field::authorization];
  if (!authorization.starts_with("Bearer ")) {
    Response refused = error(request, http::status::unauthorized, "the teacher's token is needed (Authorization: Bearer)");
    refused.set(http::field::www_authenticate, R"(Bearer realm="liaison")");
    return refused;
  }
  if (!same_secret(authorization.substr(7), token)) return error(request, http::status::forbidden, "wrong token");
  return std::nullopt;
}

Response start_round(const Request& request, const RouteArgs& args) {
  if (!args.settings.partie) return error(request, http::status::conflict, "rounds are for --mode partie");
  return room_answer(request, args.settings.partie->start_round_now());
}

Response kick_player(const Request& request, const RouteArgs& args) {
  if (!args.settings.room) return no_room(request);
  return room_answer(request, args.settings.room->kick(query_value(args, "nickname")));
}

Response rename_player(const Request& request, const RouteArgs& args) {
  if (!args.settings.room) return no_room(request);
  return room_answer(request, args.settings.room->rename_member(query_value(args, "nickname"), query_value(args, "to")));
}

Response results_csv(const Request& request, const RouteArgs& args) {
  std::string csv = "finished_at,mode,nickname,round,min,max,secret,found,tries,duration_ms,rank\r\n";
  if (args.settings.store) {
    try {
      for (const core::FinishedGame& finished : args.settings.store->history(max_results)) append_csv_row(csv, finished);
    } catch (const std::exception& failure) {
      return error(request, http::status::service_unavailable, failure.what());
    }
  }
  Response response = respond(request, http::status::ok, std::move(csv), "text/csv; charset=utf-8");
  response.set(http::field::content_disposition, R"(attachment; filename="liaison-results.csv")");
  return response;
}

}  // namespace liaison::web
