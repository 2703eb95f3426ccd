// liaison serve: the game server, the echo server and the operator console.
#include <fmt/format.h>

#include <atomic>
#include <cstdio>
#include <map>
#include <optional>
#include <random>

#include "app/commands.hpp"
#include "core/echo.hpp"
#include "core/juste_prix.hpp"
#include "net/endpoint.hpp"
#include "net/operator_console.hpp"
#include "net/server.hpp"

namespace liaison::app {
namespace {

enum class Service { juste_prix, echo, chat };

struct ServeOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 50000;
  Service service = Service::juste_prix;
  core::Bounds bounds;
  std::optional<std::uint64_t> seed;
  core::Lang lang = core::Lang::fr;
  bool verbose = false;
  unsigned threads = 1;
  std::size_t max_clients = 1024;
  std::size_t max_per_ip = 64;
  unsigned idle_timeout = 300;
  std::vector<std::string> allow;
  std::vector<std::string> deny;
};

// A well-mixed 64-bit value from a counter (splitmix64's finaliser).
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

core::SessionFactory session_factory(const ServeOptions& options, const core::Texts& texts) {
  if (options.service == Service::echo) return [&texts] { return std::make_unique<core::Echo>(texts); };
  const core::Bounds bounds = options.bounds;
  // With --seed every connection draws the same sequence of secrets; without
  // it, each connection gets its own seed. Safe to call from every thread.
  const bool reproducible = options.seed.has_value();
  const std::uint64_t seed = options.seed.value_or(std::random_device{}());
  auto connections = std::make_shared<std::atomic<std::uint64_t>>(0);
  return [=, &texts] {
    const std::uint64_t connection_seed = reproducible ? seed : mix(seed + connections->fetch_add(1));
    return std::make_unique<core::JustePrix>(bounds, core::seeded_secrets(connection_seed), texts);
  };
}

net::ServerOptions server_options(const ServeOptions& options, const core::Texts& texts) {
  net::ServerOptions server{
      .endpoint = net::resolve_bind_endpoint(options.host, options.port),
      .threads = options.threads,
      .settings = {.texts = &texts,
                   .verbose = options.verbose,
                   .idle_timeout = std::chrono::seconds(options.idle_timeout)},
      .limits = {.max_clients = options.max_clients, .max_per_address = options.max_per_ip},
      .filter = {},
  };
  for (const auto& cidr : options.allow) server.filter.allow(cidr);
  for (const auto& cidr : options.deny) server.filter.deny(cidr);
  return server;
}

int serve_sessions(const ServeOptions& options, const core::Texts& texts) {
  net::ServerOptions settings = server_options(options, texts);
  const std::string address = net::to_string(settings.endpoint);
  std::optional<net::Server> server;
  try {
    server.emplace(std::move(settings), session_factory(options, texts));
  } catch (const boost::system::system_error& error) {
    fmt::print(stderr, "{}\n", fmt::format(fmt::runtime(texts.cannot_start), address, error.code().message()));
    return 1;
  }
  fmt::print("{}\n", fmt::format(fmt::runtime(texts.server_ready), net::to_string(server->local_endpoint())));
  std::fflush(stdout);
  server->run();
  return 0;
}

int serve(const ServeOptions& options) {
  const core::Texts& texts = core::texts(options.lang);
  if (options.bounds.min > options.bounds.max) {
    fmt::print(stderr, "liaison serve: --min ({}) must not exceed --max ({})\n", options.bounds.min, options.bounds.max);
    return 2;
  }
  if (options.service == Service::chat)
    return net::run_operator_console({.host = options.host, .port = options.port, .texts = &texts});
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

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command = app.add_subcommand("serve", "Run a server: the juste prix game (default), echo, or chat");
  command->add_option("--host", options->host, "Address to bind (127.0.0.1; :: for every IPv6 and IPv4 address)")
      ->capture_default_str();
  command->add_option("--port,-p", options->port, "TCP port; 0 picks a free one and prints it")->capture_default_str();
  const std::map<std::string, Service> services{
      {"juste-prix", Service::juste_prix}, {"echo", Service::echo}, {"chat", Service::chat}};
  command->add_option("--service,-s", options->service, "juste-prix, echo (concurrent) or chat (operator console)")
      ->transform(CLI::CheckedTransformer(services, CLI::ignore_case))
      ->option_text("juste-prix|echo|chat (default juste-prix)");
  command->add_option("--min", options->bounds.min, "Smallest secret number")->capture_default_str();
  command->add_option("--max", options->bounds.max, "Largest secret number")->capture_default_str();
  command->add_option("--seed", options->seed, "Seed for reproducible secrets (every connection gets the same ones)");
  command->add_flag("--verbose,-v", options->verbose, "Log every message");
  add_limit_options(*command, *options);
  add_lang_option(*command, options->lang);
  command->callback([options, &exit_code] { exit_code = serve(*options); });
}

}  // namespace liaison::app
