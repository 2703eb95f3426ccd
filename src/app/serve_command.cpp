// liaison serve: the game server (solo or multiplayer rounds), the salon, the
// echo server and the operator console.
#include <fmt/format.h>

#include <atomic>
#include <cstdio>
#include <map>
#include <optional>
#include <random>

#include "app/commands.hpp"
#include "core/activity.hpp"
#include "core/echo.hpp"
#include "core/juste_prix.hpp"
#include "core/partie.hpp"
#include "core/room_session.hpp"
#include "core/salon.hpp"
#include "net/endpoint.hpp"
#include "server/operator_server.hpp"
#include "net/room_alarm.hpp"
#include "server/tcp_server.hpp"
#include "store/group_commit_store.hpp"
#include "web/live_state.hpp"
#include "web/web_server.hpp"
#include "store/open_score_store.hpp"

namespace liaison::app {
namespace {

enum class Service { juste_prix, echo, chat, salon };
enum class Mode { solo, partie };

struct ServeOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 50000;
  Service service = Service::juste_prix;
  Mode mode = Mode::solo;
  core::Bounds bounds;
  double round_grace = 15;
  double round_pause = 5;
  core::FloodLimits flood;
  unsigned mute = 30;
  std::string db;  // "" = the default path
  std::optional<std::uint64_t> seed;
  core::Lang lang = core::Lang::fr;
  bool verbose = false;
  unsigned threads = 1;
  std::size_t max_clients = 1024;
  std::size_t max_per_ip = 64;
  unsigned idle_timeout = 300;
  std::vector<std::string> allow;
  std::vector<std::string> deny;
  std::optional<std::string> web;  // [HOST:]PORT of the web side
  std::string teacher_token;       // "" = a new random one
};

std::string service_name(const ServeOptions& options);
std::string teacher_token(const ServeOptions& options);

bool is_room(const ServeOptions& options) {
  return options.service == Service::salon || (options.service == Service::juste_prix && options.mode == Mode::partie);
}

std::uint64_t base_seed(const ServeOptions& options) { return options.seed.value_or(std::random_device{}()); }

core::Instant steady_now() { return std::chrono::steady_clock::now(); }

// `activity`: read at each new session (the web side sets it before serving).
core::SessionFactory session_factory(const ServeOptions& options, const core::Texts& texts, core::ScoreStore* store,
                                     core::Activity* const& activity) {
  if (options.service == Service::echo) return [&texts] { return std::make_unique<core::Echo>(texts); };
  const core::Bounds bounds = options.bounds;
  // With --seed every connection draws the same sequence of secrets; without
  // it, each connection gets its own seed. Safe to call from every thread.
  const bool reproducible = options.seed.has_value();
  const std::uint64_t seed = base_seed(options);
  auto connections = std::make_shared<std::atomic<std::uint64_t>>(0);
  const core::Scoring scoring{.store = store, .now = steady_now, .lang = options.lang, .activity = nullptr};
  return [=, &texts, &activity] {
    const std::uint64_t connection_seed = reproducible ? seed : core::mix_bits(seed + connections->fetch_add(1));
    core::Scoring with_activity = scoring;
    with_activity.activity = activity;
    return std::make_unique<core::JustePrix>(bounds, core::seeded_secrets(connection_seed), texts,
                                             std::move(with_activity));
  };
}

// The room of --service salon or --mode partie: one for the whole server, on
// the server's first (and only) thread.
std::unique_ptr<core::ChatRoom> make_room(const ServeOptions& options, core::ScoreStore* store, net::RoomAlarm& alarm) {
  core::RoomSettings room{.lang = options.lang, .flood = options.flood};
  room.flood.mute = std::chrono::seconds(options.mute);
  if (options.service == Service::salon) return std::make_unique<core::Salon>(room, steady_now, store);
  const auto millis = [](double seconds) { return std::chrono::milliseconds(std::llround(seconds * 1000)); };
  const core::PartieSettings partie{
      .bounds = options.bounds, .grace = millis(options.round_grace), .pause = millis(options.round_pause)};
  return std::make_unique<core::Partie>(room, partie, core::seeded_secrets(base_seed(options)), steady_now, store,
                                        alarm);
}

// --allow and --deny (the web side reads them from the server).
net::AddressFilter address_filter(const ServeOptions& options) {
  net::AddressFilter filter;
  for (const auto& cidr : options.allow) filter.allow(cidr);
  for (const auto& cidr : options.deny) filter.deny(cidr);
  return filter;
}

server::ServerOptions server_options(const ServeOptions& options, const core::Texts& texts) {
  server::ServerOptions server{
      .endpoint = net::resolve_bind_endpoint(options.host, options.port),
      .threads = options.threads,
      .settings = {.texts = &texts,
                   .verbose = options.verbose,
                   .idle_timeout = std::chrono::seconds(options.idle_timeout),
                   .pushes = is_room(options)},
      .limits = {.max_clients = options.max_clients, .max_per_address = options.max_per_ip},
      .filter = address_filter(options),
  };
  return server;
}

int serve_sessions(const ServeOptions& options, const core::Texts& texts) {
  // Games are written by the store's own thread, many per transaction; a
  // reply that ends a game waits for its commit (ConnectionSettings::commits).
  std::unique_ptr<store::GroupCommitStore> store;
  try {
    if (options.service != Service::echo)
      store = std::make_unique<store::GroupCommitStore>(store::open_score_store(options.db));
  } catch (const std::exception& error) {
    fmt::print(stderr, "liaison serve: {}\n", error.what());
    return 1;
  }
  // Declared before the server: sessions report to it until they end.
  std::optional<web::LiveState> live;
  core::Activity* activity = nullptr;
  // Declared before the server: connections leave the room when they end.
  net::RoomAlarm alarm;
  std::unique_ptr<core::ChatRoom> room = is_room(options) ? make_room(options, store.get(), alarm) : nullptr;
  core::SessionFactory make_session = room ? core::SessionFactory([&room] {
    return std::make_unique<core::RoomSession>(*room);
  })
                                           : session_factory(options, texts, store.get(), activity);
  server::ServerOptions settings = server_options(options, texts);
  settings.settings.commits = store.get();
  net::ServerStats stats;  // counted only for the web side (/metrics, /api/stats)
  if (options.web) settings.settings.stats = &stats;
  const std::string address = net::to_string(settings.endpoint);
  std::optional<server::Server> server;
  try {
    server.emplace(std::move(settings), make_session);
  } catch (const boost::system::system_error& error) {
    fmt::print(stderr, "{}\n", fmt::format(fmt::runtime(texts.cannot_start), address, error.code().message()));
    return 1;
  }
  core::Partie* const partie = dynamic_cast<core::Partie*>(room.get());
  if (partie) alarm.bind(server->executor(), [partie] { partie->on_alarm(); });
  std::optional<web::WebServer> web_server;
  if (options.web) {
    const std::string service = service_name(options);
    live.emplace(server->executor(), web::LiveSettings{.service = service,
                                                       .lang = options.lang,
                                                       .tcp = server->local_endpoint(),
                                                       .store = store.get(),
                                                       .stats = &stats});
    activity = &*live;
    if (room) room->observe(activity);
    try {
      web_server.emplace(server->executor(), web::WebSettings{.endpoint = web::parse_web_address(*options.web),
                                                              .make_session = make_session,
                                                              .texts = &texts,
                                                              .service = service,
                                                              .store = store.get(),
                                                              .commits = store.get(),
                                                              .stats = &stats,
                                                              .live = &*live,
                                                              .teacher_token = teacher_token(options),
                                                              .room = room.get(),
                                                              .partie = partie,
                                                              .filter = &server->filter(),
                                                              .limits = {.max_clients = options.max_clients,
                                                                         .max_per_address = options.max_per_ip}});
    } catch (const boost::system::system_error& error) {
      fmt::print(stderr, "{}\n", fmt::format(fmt::runtime(texts.cannot_start), *options.web, error.code().message()));
      return 1;
    }
    web_server->start();
    // The page's leaderboard refreshes once the games are in the file.
    if (store) store->on_commit([&live] { live->game_over(); });
    server->on_stop([&web_server] { web_server->stop(); });
  }
  fmt::print("{}\n", fmt::format(fmt::runtime(texts.server_ready), net::to_string(server->local_endpoint())));
  if (web_server) {
    const std::string web_address = net::to_string(web_server->local_endpoint());
    fmt::print("{}\n", fmt::format(fmt::runtime(texts.web_ready), web_address));
    fmt::print("{}\n", fmt::format(fmt::runtime(texts.teacher_token), web_server->teacher_token(), web_address));
  }
  std::fflush(stdout);
  server->run();
  // Sessions still open are destroyed with the loops: nothing more to show.
  if (live) live->close();
  if (store) store->on_commit({});  // games recorded from now on (leavers) must not call into the page's state
  // The last games to the file, and their wake-ups to the (stopped) loops,
  // before the server and its loops are destroyed.
  if (store) store->drain();
  return 0;
}

// The token of the teacher's actions: --teacher-token, or 128 random bits.
std::string teacher_token(const ServeOptions& options) {
  if (!options.teacher_token.empty()) return options.teacher_token;
  std::random_device random;
  std::string token;
  for (int i = 0; i < 4; ++i) token += fmt::format("{:08x}", random());
  return token;
}

std::string service_name(const ServeOptions& options) {
  switch (options.service) {
    case Service::juste_prix: return options.mode == Mode::partie ? "partie" : "juste-prix";
    case Service::echo: return "echo";
    case Service::chat: return "chat";
    case Service::salon: return "salon";
  }
  return "?";
}

int serve(const ServeOptions& options) {
  const core::Texts& texts = core::texts(options.lang);
  if (options.bounds.min > options.bounds.max) {
    fmt::print(stderr, "liaison serve: --min ({}) must not exceed --max ({})\n", options.bounds.min, options.bounds.max);
    return 2;
  }
  if (options.mode == Mode::partie && options.service != Service::juste_prix) {
    fmt::print(stderr, "liaison serve: --mode partie is for --service juste-prix\n");
    return 2;
  }
  if (is_room(options) && options.threads > 1) {
    fmt::print(stderr, "liaison serve: the salon and the partie run on one thread (--threads 1)\n");
    return 2;
  }
  if (options.service == Service::chat && options.web) {
    fmt::print(stderr, "liaison serve: --web is for juste-prix, echo and salon (the operator console has one client)\n");
    return 2;
  }
  if (options.web) {
    try {
      web::parse_web_address(*options.web);
    } catch (const std::invalid_argument& error) {
      fmt::print(stderr, "liaison serve: {}\n", error.what());
      return 2;
    }
  }
  if (options.service == Service::chat)
    return server::run_operator_server({.host = options.host, .port = options.port, .texts = &texts});
  return serve_sessions(options, texts);
}

// CIDR checks at parse time, so that a typo is a usage error (exit 2).
std::string check_cidr(const std::string& cidr) {
  try {
    net::AddressFilter().allow(cidr);
    return {};
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
}

void add_limit_options(CLI::App& command, ServeOptions& options) {
  command.add_option("--threads", options.threads, "Event-loop threads, each with its own listener (SO_REUSEPORT)")
      ->check(CLI::Range(1U, 64U))
      ->capture_default_str();
  command.add_option("--max-clients", options.max_clients, "Players at once; one more is told the server is full")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}))
      ->capture_default_str();
  command.add_option("--max-per-ip", options.max_per_ip, "Connections at once from one address")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}))
      ->capture_default_str();
  command.add_option("--idle-timeout", options.idle_timeout, "Seconds of silence before a client is let go")
      ->check(CLI::Range(1U, 86'400U))
      ->capture_default_str();
  command.add_option("--allow", options.allow, "Only these addresses may connect (CIDR, repeatable)")
      ->check(check_cidr);
  command.add_option("--deny", options.deny, "These addresses may not connect (CIDR, repeatable)")->check(check_cidr);
}

void add_room_options(CLI::App& command, ServeOptions& options) {
  command.add_option("--round-grace", options.round_grace, "partie: seconds the others have after the first find")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  command.add_option("--round-pause", options.round_pause, "partie: seconds between two rounds")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  command.add_option("--flood-rate", options.flood.rate, "salon, partie: chat messages per second allowed")
      ->check(CLI::Range(0.01, 1e6))
      ->capture_default_str();
  command.add_option("--flood-burst", options.flood.burst, "salon, partie: chat messages allowed at once")
      ->check(CLI::Range(1.0, 1e6))
      ->capture_default_str();
  command.add_option("--mute", options.mute, "salon, partie: seconds a flooder is muted")
      ->check(CLI::Range(1U, 86'400U))
      ->capture_default_str();
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command = app.add_subcommand("serve", "Run a server: the juste prix game (default), echo, or chat");
  command->add_option("--host", options->host, "Address to bind (127.0.0.1; :: for every IPv6 and IPv4 address)")
      ->capture_default_str();
  command->add_option("--port,-p", options->port, "TCP port; 0 picks a free one and prints it")->capture_default_str();
  const std::map<std::string, Service> services{{"juste-prix", Service::juste_prix},
                                                {"echo", Service::echo},
                                                {"chat", Service::chat},
                                                {"salon", Service::salon}};
  command
      ->add_option("--service,-s", options->service,
                   "juste-prix, salon (chat room for all), echo (concurrent) or chat (operator console)")
      ->transform(CLI::CheckedTransformer(services, CLI::ignore_case))
      ->option_text("juste-prix|salon|echo|chat (default juste-prix)");
  const std::map<std::string, Mode> modes{{"solo", Mode::solo}, {"partie", Mode::partie}};
  command->add_option("--mode,-m", options->mode, "juste-prix: solo (a game each) or partie (rounds for all)")
      ->transform(CLI::CheckedTransformer(modes, CLI::ignore_case))
      ->option_text("solo|partie (default solo)");
  command->add_option("--min", options->bounds.min, "Smallest secret number")->capture_default_str();
  command->add_option("--max", options->bounds.max, "Largest secret number")->capture_default_str();
  command->add_option("--seed", options->seed, "Seed for reproducible secrets (every connection gets the same ones)");
  command->add_flag("--verbose,-v", options->verbose, "Log every message");
  command->add_option("--web", options->web,
                      "Also serve the web side on [HOST:]PORT (loopback by default): JSON API, /metrics, /play");
  command->add_option("--teacher-token", options->teacher_token,
                      "--web: the token of the teacher's actions (default: a new random one, printed at start-up)");
  command->add_option("--db", options->db, "Scores database (default: $XDG_DATA_HOME/liaison/scores.db; :memory: keeps none)");
  add_room_options(*command, *options);
  add_limit_options(*command, *options);
  add_lang_option(*command, options->lang);
  command->callback([options, &exit_code] { exit_code = serve(*options); });
}

}  // namespace liaison::app
