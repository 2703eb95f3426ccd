// Everything `liaison serve` runs, owned in one place. Built in dependency
// order -- the scores store, the page's live state, the room and its alarm,
// the TCP server, the web side -- run until SIGINT or SIGTERM, then stopped
// and destroyed in the reverse order, so that nothing outlives what it uses.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "app/serve_options.hpp"
#include "core/activity.hpp"
#include "core/chat_room.hpp"
#include "core/session.hpp"
#include "net/room_alarm.hpp"
#include "net/server_stats.hpp"
#include "server/tcp_server.hpp"
#include "store/group_commit_store.hpp"
#include "store/pg_room.hpp"
#include "store/pg_store.hpp"
#include "web/live_state.hpp"
#include "web/web_server.hpp"

namespace liaison::app {

// A service that could not start (its address taken, the scores file
// unreadable...): one line for the user, and exit 1.
struct StartFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Services {
 public:
  // Opens, binds and wires everything; throws StartFailure.
  Services(const ServeOptions& options, const core::Texts& texts);
  ~Services();
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  // Prints where each service listens (tests and scripts read these lines).
  void announce() const;
  // Serves until SIGINT or SIGTERM; every game ends with FIN.
  void run();

 private:
  void open_store();
  void make_room();
  void start_server();
  void start_web();
  void watch_store();
  void share_round();
  core::SessionFactory session_factory();

  const ServeOptions& options_;
  const core::Texts& texts_;
  // Games are written by the store's own thread, many per transaction; a
  // reply that ends a game waits for its commit (ConnectionSettings::commits).
  std::unique_ptr<store::GroupCommitStore> store_;
  store::PgStore* pg_ = nullptr;  // the same store, when it is PostgreSQL (shared with other servers)
  net::ServerStats stats_;  // counted only for the web side (/metrics, /api/stats)
  std::optional<web::LiveState> live_;
  // What the sessions report to (the page's live state, with --web): set
  // before the server's loops run, so before any session is made.
  core::Activity* activity_ = nullptr;
  net::RoomAlarm alarm_;
  std::unique_ptr<core::ChatRoom> room_;  // connections leave it when they end
  std::optional<server::Server> server_;
  // --room: the round shared with the other servers; its thread calls the
  // room back through the server's loop. Stopped before the server goes.
  std::unique_ptr<store::PgRoom> shared_round_;
  std::optional<web::WebServer> web_;
  // The store's reads for the web side (the page's leaderboard, the API): a
  // thread of their own, never a game loop's. Last: stopped first, while
  // what its reads call back still exists.
  asio::thread_pool reads_{1};
};

}  // namespace liaison::app
