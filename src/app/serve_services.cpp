#include "app/serve_services.hpp"

#include <fmt/format.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <random>

#include "core/echo.hpp"
#include "core/juste_prix.hpp"
#include "core/partie.hpp"
#include "core/room_session.hpp"
#include "core/salon.hpp"
#include "net/endpoint.hpp"
#include "store/open_score_store.hpp"

namespace liaison::app {
namespace {

std::uint64_t base_seed(const ServeOptions& options) { return options.seed.value_or(std::random_device{}()); }

core::Instant steady_now() { return std::chrono::steady_clock::now(); }

std::chrono::milliseconds millis(double seconds) { return std::chrono::milliseconds(std::llround(seconds * 1000)); }

// --allow and --deny (the web side reads them from the server).
net::AddressFilter address_filter(const ServeOptions& options) {
  net::AddressFilter filter;
  for (const auto& cidr : options.allow) filter.allow(cidr);
  for (const auto& cidr : options.deny) filter.deny(cidr);
  return filter;
}

server::ServerOptions server_options(const ServeOptions& options, const core::Texts& texts) {
  return {
      .endpoint = net::resolve_bind_endpoint(options.host, options.port),
      .threads = options.threads,
      .settings = {.texts = &texts,
                   .verbose = options.verbose,
                   .idle_timeout = std::chrono::seconds(options.idle_timeout),
                   .pushes = is_room(options),
                   .trace = trace_lang(options)},
      .limits = {.max_clients = options.max_clients, .max_per_address = options.max_per_ip},
      .filter = address_filter(options),
  };
}

// The token of the teacher's actions: --teacher-token, or 128 random bits.
std::string teacher_token(const ServeOptions& options) {
  if (!options.teacher_token.empty()) return options.teacher_token;
  std::random_device random;
  std::string token;
  for (int i = 0; i < 4; ++i) token += fmt::format("{:08x}", random());
  return token;
}

std::string cannot_start(const core::Texts& texts, const std::string& address, const boost::system::system_error& error) {
  return texts.cannot_start.format(address, error.code().message());
}

}  // namespace

Services::Services(const ServeOptions& options, const core::Texts& texts) : options_(options), texts_(texts) {
  open_store();
  make_room();
  start_server();
  if (options_.web) start_web();
  watch_store();
  share_round();
}

Services::~Services() {
  shared_round_.reset();  // no more news for the room
  if (pg_) pg_->watch({});  // before the page's state goes
  // Sessions still open are destroyed with the loops: nothing more to show.
  if (live_) live_->close();
  if (!store_) return;
  store_->on_commit({});  // games recorded from now on (leavers) must not call into the page's state
  // The last games to the file, and their wake-ups to the (stopped) loops,
  // before the server and its loops are destroyed.
  store_->drain();
}

void Services::open_store() {
  if (options_.service == Service::echo) return;
  try {
    // SQLite commits on the event loops, once per turn; PostgreSQL (a network
    // round trip per commit) on the store's own thread.
    const auto mode = store::postgres_conninfo(options_.db) ? store::GroupCommitStore::Commit::writer
                                                            : store::GroupCommitStore::Commit::here;
    std::unique_ptr<core::ScoreStore> opened = store::open_score_store(options_.db);
    pg_ = dynamic_cast<store::PgStore*>(opened.get());
    store_ = std::make_unique<store::GroupCommitStore>(std::move(opened), mode);
  } catch (const std::exception& error) {
    throw StartFailure(fmt::format("liaison serve: {}", error.what()));
  }
}

// The room of --service salon or --mode partie: one for the whole server, on
// the server's first (and only) thread.
void Services::make_room() {
  if (!is_room(options_)) return;
  core::RoomSettings room{.lang = options_.lang, .flood = options_.flood};
  room.flood.mute = std::chrono::seconds(options_.mute);
  if (options_.service == Service::salon) {
    room_ = std::make_unique<core::Salon>(room, steady_now, store_.get());
    return;
  }
  const core::PartieSettings partie{
      .bounds = options_.bounds, .grace = millis(options_.round_grace), .pause = millis(options_.round_pause)};
  auto made = std::make_unique<core::Partie>(room, partie, core::seeded_secrets(base_seed(options_)), steady_now,
                                             store_.get(), alarm_);
  if (!options_.room.empty()) {
    try {
      shared_round_ = std::make_unique<store::PgRoom>(
          *store::postgres_conninfo(options_.db),
          store::PgRoomSettings{.name = options_.room,
                                .bounds = options_.bounds,
                                .grace = partie.grace,
                                .pause = partie.pause,
                                .lease = millis(options_.room_lease),
                                .backoff = {}},
          core::seeded_secrets(core::mix_bits(base_seed(options_) + 1)));
    } catch (const std::exception& error) {
      throw StartFailure(fmt::format("liaison serve: {}", error.what()));
    }
    made->share(*shared_round_);
    made->on_shared_round(shared_round_->first_state());  // in step before anyone connects
  }
  room_ = std::move(made);
}

void Services::start_server() {
  server::ServerOptions settings = server_options(options_, texts_);
  settings.settings.commits = store_.get();
  settings.settings.reads = reads_.get_executor();
  if (options_.web) settings.settings.stats = &stats_;
  const std::string address = net::to_string(settings.endpoint);
  try {
    server_.emplace(std::move(settings), session_factory());
  } catch (const boost::system::system_error& error) {
    throw StartFailure(cannot_start(texts_, address, error));
  }
  if (auto* partie = dynamic_cast<core::Partie*>(room_.get()))
    alarm_.bind(server_->executor(), [partie] { partie->on_alarm(); });
}

void Services::start_web() {
  const std::string service = service_name(options_);
  live_.emplace(server_->executor(), web::LiveSettings{.service = service,
                                                       .lang = options_.lang,
                                                       .tcp = server_->local_endpoint(),
                                                       .store = store_.get(),
                                                       .reads = reads_.get_executor(),
                                                       .stats = &stats_});
  activity_ = &*live_;
  if (room_) room_->observe(activity_);
  try {
    web_.emplace(server_->executor(),
                 web::WebSettings{.endpoint = web::parse_web_address(*options_.web),
                                  .make_session = session_factory(),
                                  .texts = &texts_,
                                  .service = service,
                                  .store = store_.get(),
                                  .reads = reads_.get_executor(),
                                  .commits = store_.get(),
                                  .stats = &stats_,
                                  .trace = trace_lang(options_),
                                  .live = &*live_,
                                  .teacher_token = teacher_token(options_),
                                  .room = room_.get(),
                                  .partie = dynamic_cast<core::Partie*>(room_.get()),
                                  .filter = &server_->filter(),
                                  .limits = {.max_clients = options_.max_clients,
                                             .max_per_address = options_.max_per_ip}});
  } catch (const boost::system::system_error& error) {
    throw StartFailure(cannot_start(texts_, *options_.web, error));
  }
  web_->start();
  // The page's leaderboard refreshes once the games are in the file.
  if (store_) store_->on_commit([this] { live_->game_over(); });
  server_->on_stop([this] { web_->stop(); });
}

// On PostgreSQL, the games of the other servers sharing the database show on
// the page as ours do; and the games that waited for an unreachable server are
// written as soon as the watch reaches it again, with or without a page.
void Services::watch_store() {
  if (!pg_) return;
  pg_->watch([this] {
    if (live_) live_->game_over();
  });
}

// --room: the shared round's news reach the partie on its own loop.
void Services::share_round() {
  if (!shared_round_) return;
  auto* partie = dynamic_cast<core::Partie*>(room_.get());
  const asio::any_io_executor loop = server_->executor();
  shared_round_->start({.state = [partie, loop](core::SharedRoundState state) {
                          asio::post(loop, [partie, state = std::move(state)] { partie->on_shared_round(state); });
                        },
                        .rank = [partie, loop](std::int64_t round, core::MemberId member, int rank) {
                          asio::post(loop, [partie, round, member, rank] { partie->on_rank(round, member, rank); });
                        }});
}

// One session per connection: the room's member, an echo, or a solo game.
core::SessionFactory Services::session_factory() {
  if (room_) return [room = room_.get()] { return std::make_unique<core::RoomSession>(*room); };
  if (options_.service == Service::echo) return [&texts = texts_] { return std::make_unique<core::Echo>(texts); };
  // With --seed every connection draws the same sequence of secrets; without
  // it, each connection gets its own seed. Safe to call from every thread.
  const bool reproducible = options_.seed.has_value();
  const std::uint64_t seed = base_seed(options_);
  auto connections = std::make_shared<std::atomic<std::uint64_t>>(0);
  const core::Scoring scoring{.store = store_.get(), .now = steady_now, .lang = options_.lang, .activity = nullptr};
  return [=, this] {
    const std::uint64_t connection_seed = reproducible ? seed : core::mix_bits(seed + connections->fetch_add(1));
    core::Scoring with_activity = scoring;
    with_activity.activity = activity_;
    return std::make_unique<core::JustePrix>(options_.bounds, core::seeded_secrets(connection_seed), texts_,
                                             std::move(with_activity));
  };
}

void Services::announce() const {
  fmt::print("{}\n", texts_.server_ready.format(net::to_string(server_->local_endpoint())));
  if (web_) {
    const std::string web_address = net::to_string(web_->local_endpoint());
    fmt::print("{}\n", texts_.web_ready.format(web_address));
    fmt::print("{}\n", texts_.teacher_token.format(web_->teacher_token(), web_address));
  }
  std::fflush(stdout);
}

void Services::run() { server_->run(); }

}  // namespace liaison::app
