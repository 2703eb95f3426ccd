// The web side of `liaison serve --web`: HTTP and WebSocket on one port, on
// the first thread's event loop, beside the TCP services.
//   GET /                                     the page to project in the classroom
//   GET /events                               its live feed (Server-Sent Events)
//   GET /api/stats, /api/leaderboard[?top=N], /api/players, /api/round
//                                             read-only JSON, no-store
//   GET /qr.svg?text=...                      a QR code (the page's own address)
//   /api/teacher/...                          the teacher's actions, with the token:
//     POST round, POST kick?nickname=, POST rename?nickname=&to=, GET results.csv
//   GET /metrics                              Prometheus text
//   /play (WebSocket)                         the served game, one text frame per message
//   GET /play                                 a page that plays through it
// Every web connection (a page's request, its event stream, a /play socket)
// takes a seat; connections beyond the limits, or from a denied address, get
// their first request answered with 503, 429 or 403 and are closed.
// Beast stays inside liaison_web_server's own files (the HTTP session, the
// routes, the event stream, /play): this header does not include it.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/chat_room.hpp"
#include "core/partie.hpp"
#include "core/score_store.hpp"
#include "core/session.hpp"
#include "core/texts.hpp"
#include "net/address_filter.hpp"
#include "net/admission.hpp"
#include "net/asio.hpp"
#include "net/server_stats.hpp"

namespace liaison::web {

class LiveState;

struct WebSettings {
  tcp::endpoint endpoint;
  core::SessionFactory make_session;  // the same sessions as the TCP clients'
  const core::Texts* texts = nullptr;
  std::string service;                  // "juste-prix", "partie", "salon", "echo"
  core::ScoreStore* store = nullptr;    // the leaderboard (none for echo)
  asio::any_io_executor reads;          // where the store is read (reads_store() in routes.hpp); none: here
  core::DeferredCommits* commits = nullptr;
  net::ServerStats* stats = nullptr;
  std::optional<core::Lang> trace;      // --trace: /play's frames on stderr, as the TCP clients' messages
  LiveState* live = nullptr;            // the page's feed (/events, /api/players, /api/round)
  std::string teacher_token;            // required by /api/teacher/...: "Authorization: Bearer <token>"
  core::ChatRoom* room = nullptr;       // the salon or the partie: kick, rename
  core::Partie* partie = nullptr;       // start a round now
  const net::AddressFilter* filter = nullptr;  // --allow/--deny, as for the TCP players (403)
  net::AdmissionLimits limits;          // --max-clients, --max-per-ip: the web side's own seats (503, 429)
};

class WebServer {
 public:
  // Binds; throws boost::system::system_error when it cannot.
  WebServer(const asio::any_io_executor& executor, WebSettings settings);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  tcp::endpoint local_endpoint() const;
  const std::string& teacher_token() const;
  void start();
  // Stops accepting and closes every web connection. Call it on the loop's thread.
  void stop();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

// "8080", "127.0.0.1:8080", "[::1]:8080" or ":8080" (loopback when no host).
// Throws std::invalid_argument with a one-line reason.
tcp::endpoint parse_web_address(const std::string& text);

}  // namespace liaison::web
