// liaison serve: the game server (solo or multiplayer rounds), the salon, the
// echo server and the operator console -- its options, and how they are checked.
#include <fmt/format.h>

#include <map>
#include <optional>
#include <string>

#include "app/commands.hpp"
#include "app/serve_options.hpp"
#include "app/serve_services.hpp"
#include "net/address_filter.hpp"
#include "server/operator_server.hpp"
#include "store/open_score_store.hpp"
#include "web/web_server.hpp"

namespace liaison::app {
namespace {

// What the parser cannot check: one option against another.
std::optional<std::string> usage_error(const ServeOptions& options) {
  if (options.bounds.min > options.bounds.max)
    return fmt::format("--min ({}) must not exceed --max ({})", options.bounds.min, options.bounds.max);
  if (options.mode == Mode::partie && options.service != Service::juste_prix)
    return "--mode partie is for --service juste-prix";
  if (is_room(options) && options.threads > 1) return "the salon and the partie run on one thread (--threads 1)";
  if (options.service == Service::chat && options.web)
    return "--web is for juste-prix, echo and salon (the operator console has one client)";
  if (options.web) {
    try {
      web::parse_web_address(*options.web);
    } catch (const std::invalid_argument& error) {
      return error.what();
    }
  }
  return std::nullopt;
}

// --room: what it needs, said before anything starts (exit 1, as a database
// that cannot be used).
std::optional<std::string> room_error(const ServeOptions& options) {
  if (options.room.empty()) return std::nullopt;
  if (options.room.size() > 100) return "--room: a name of at most 100 bytes";
  if (options.service != Service::juste_prix || options.mode != Mode::partie)
    return "--room is for --mode partie (one round across servers)";
  if (!store::postgres_conninfo(options.db))
    return "--room needs a PostgreSQL database shared by the servers (--db postgresql://...)";
  return std::nullopt;
}

// Runs the services until SIGINT or SIGTERM; returns the exit code.
int serve(const ServeOptions& options) {
  if (const auto error = usage_error(options)) {
    fmt::print(stderr, "liaison serve: {}\n", *error);
    return 2;
  }
  if (const auto error = room_error(options)) {
    fmt::print(stderr, "liaison serve: {}\n", *error);
    return 1;
  }
  const core::Texts& texts = core::texts(options.lang);
  if (options.service == Service::chat)
    return server::run_operator_server({.host = options.host,
                                        .port = options.port,
                                        .texts = &texts,
                                        .trace = trace_lang(options)});
  try {
    Services services(options, texts);
    services.announce();
    services.run();
  } catch (const StartFailure& failure) {
    fmt::print(stderr, "{}\n", failure.what());
    return 1;
  }
  return 0;
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
  command.add_option("--room", options.room,
                     "partie: one round shared by every server started with this NAME on the same --db postgresql://")
      ->option_text("NAME");
  command.add_option("--room-lease", options.room_lease,
                     "--room: seconds the server keeping the round's clock holds it before another takes over")
      ->check(CLI::Range(0.3, 3600.0))
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
  command->add_flag("--trace", options->trace,
                    "Print every connection's messages on stderr as they pass: direction, time, bytes, "
                    "text with \\n, \\r and cut UTF-8 shown, then the close");
  command->add_option("--web", options->web,
                      "Also serve the web side on [HOST:]PORT (loopback by default): JSON API, /metrics, /play");
  command->add_option("--teacher-token", options->teacher_token,
                      "--web: the token of the teacher's actions (default: a new random one, printed at start-up)");
  command->add_option("--db", options->db,
                      "Scores database: a file (default: $XDG_DATA_HOME/liaison/scores.db; :memory: keeps none) "
                      "or a postgresql:// URI");
  add_room_options(*command, *options);
  add_limit_options(*command, *options);
  add_lang_option(*command, options->lang);
  command->callback([options, &exit_code] { exit_code = serve(*options); });
}

}  // namespace liaison::app
