// liaison serve: the game server, the echo server and the operator console.
#include <fmt/format.h>

#include <cstdio>
#include <map>
#include <optional>
#include <random>

#include "app/commands.hpp"
#include "core/echo.hpp"
#include "core/juste_prix.hpp"
#include "net/endpoint.hpp"
#include "net/listener.hpp"
#include "net/log.hpp"
#include "net/operator_console.hpp"

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
};

core::SessionFactory session_factory(const ServeOptions& options, const core::Texts& texts) {
  if (options.service == Service::echo) return [&texts] { return std::make_unique<core::Echo>(texts); };
  const core::Bounds bounds = options.bounds;
  const std::uint64_t seed = options.seed.value_or(std::random_device{}());
  // With --seed every connection draws the same sequence of secrets; without
  // it, each connection gets its own seed.
  auto next_seed = std::make_shared<std::mt19937_64>(seed);
  const bool reproducible = options.seed.has_value();
  return [=, &texts] {
    const std::uint64_t connection_seed = reproducible ? seed : (*next_seed)();
    return std::make_unique<core::JustePrix>(bounds, core::seeded_secrets(connection_seed), texts);
  };
}

int serve_sessions(const ServeOptions& options, const core::Texts& texts) {
  net::asio::io_context context(1);
  const auto endpoint = net::resolve_bind_endpoint(options.host, options.port);
  net::tcp::acceptor acceptor(context);
  try {
    acceptor = net::open_acceptor(context.get_executor(), endpoint);
  } catch (const boost::system::system_error& error) {
    fmt::print(stderr, "{}\n", fmt::format(fmt::runtime(texts.cannot_start), net::to_string(endpoint), error.code().message()));
    return 1;
  }
  net::Listener listener(std::move(acceptor), session_factory(options, texts),
                         {.texts = &texts, .verbose = options.verbose});
  fmt::print("{}\n", fmt::format(fmt::runtime(texts.server_ready), net::to_string(listener.local_endpoint())));
  std::fflush(stdout);
  listener.start();
  net::asio::signal_set signals(context, SIGINT, SIGTERM);
  signals.async_wait([&](const net::error_code&, int signal) {
    net::log("signal {}: stopping", signal);
    listener.stop();
    context.stop();
  });
  context.run();
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
      ->default_str("juste-prix");
  command->add_option("--min", options->bounds.min, "Smallest secret number")->capture_default_str();
  command->add_option("--max", options->bounds.max, "Largest secret number")->capture_default_str();
  command->add_option("--seed", options->seed, "Seed for reproducible secrets (every connection gets the same ones)");
  command->add_flag("--verbose,-v", options->verbose, "Log every message");
  add_lang_option(*command, options->lang);
  command->callback([options, &exit_code] { exit_code = serve(*options); });
}

}  // namespace liaison::app
