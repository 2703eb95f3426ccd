#include "app/check_target.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>

#include "net/asio.hpp"

namespace liaison::app {
namespace {

namespace fs = std::filesystem;
namespace asio = asio;

std::optional<std::uint16_t> port_number(const std::string& word) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (error != std::errc{} || end != word.data() + word.size() || value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

bool looks_like_host(std::string_view word) {
  if (word == "localhost") return true;
  const bool path = word.find('/') != word.npos || word.ends_with(".py");
  return !path && word.find_first_of(".:") != word.npos;
}

// The port is bound and released: free now, or taken (somebody else's server).
std::optional<std::uint16_t> bindable(std::uint16_t wanted) {
  asio::io_context io;
  tcp::acceptor acceptor(io);
  error_code error;
  acceptor.open(tcp::v4(), error);
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind({asio::ip::make_address_v4("127.0.0.1"), wanted}, error);
  if (error) return std::nullopt;
  return acceptor.local_endpoint().port();
}

// The first port of the kernel's range for outgoing connections' source ports.
std::uint16_t ephemeral_start() {
  std::ifstream range("/proc/sys/net/ipv4/ip_local_port_range");
  unsigned low = 32768;
  range >> low;
  return static_cast<std::uint16_t>(std::clamp(low, 1025U, 65535U));
}

// `wanted`, or for 0 a free port below the kernel's range for outgoing
// connections: each check binds it again, and a port from that range could
// meanwhile be the source port of somebody's connection, which blocks the bind.
std::optional<std::uint16_t> free_port(std::uint16_t wanted) {
  const std::uint16_t low = ephemeral_start();
  if (wanted != 0 || low < 12000) return bindable(wanted);
  // (Not a generator seeded from the pid and the time: two checks started
  // together got the same first port from such adjacent seeds.)
  std::random_device random;
  std::uniform_int_distribution<unsigned> ports(10000, low - 1U);
  for (int attempt = 0; attempt < 64; ++attempt)
    if (const auto port = bindable(static_cast<std::uint16_t>(ports(random)))) return port;
  return bindable(0);
}

bool is_command(const std::string& name) {
  if (name.find('/') != name.npos) return access(name.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  std::replace(dirs.begin(), dirs.end(), ':', '\n');
  std::istringstream lines(dirs);
  for (std::string dir; std::getline(lines, dir);)
    if (access((fs::path(dir) / name).c_str(), X_OK) == 0) return true;
  return false;
}

std::vector<std::string> command_argv(std::vector<std::string> words, std::uint16_t port) {
  for (auto& word : words) {
    for (auto at = word.find("{port}"); at != word.npos; at = word.find("{port}"))
      word.replace(at, 6, std::to_string(port));
    std::error_code error;
    if (&word != &words.front() && fs::is_regular_file(word, error)) word = fs::absolute(word).string();
  }
  return words;
}

}  // namespace

int usage_error(const CheckOptions& options, const std::string& message) {
  fmt::print(stderr, "liaison check {}: {}\n", options.role == check::Role::client ? "client" : "server", message);
  return 2;
}

int resolve_target(const CheckOptions& options, Target& target) {
  target.role = options.role;
  const auto& words = options.words;
  const bool address = options.role == check::Role::server && !words.empty() && words.size() <= 2 &&
                       port_number(words.back()) && (words.size() == 1 || looks_like_host(words.front()));
  if (address) {
    target.port = *port_number(words.back());
    if (words.size() == 2) target.host = words.front() == "localhost" ? "127.0.0.1" : words.front();
    error_code error;
    asio::ip::make_address(target.host, error);
    if (error) return usage_error(options, fmt::format("{}: not an IP address (127.0.0.1, ::1, ...)", target.host));
    return 0;
  }
  if (words.empty()) return usage_error(options, "no command: liaison check client -- python3 client.py");
  if (!is_command(words.front())) return usage_error(options, fmt::format("{}: no such command", words.front()));
  const auto port = free_port(static_cast<std::uint16_t>(options.port));
  if (!port)
    return usage_error(options, fmt::format("port {} is taken: another server listens there, and liaison never checks "
                                            "against somebody else's server (--port)",
                                            options.port));
  target.port = *port;
  target.program.argv = command_argv(words, *port);
  return 0;
}

std::vector<std::string> batch_argv(const CheckOptions& options, const std::string& path, bool isolated) {
  std::vector<std::string> argv{fs::read_symlink("/proc/self/exe").string(),
                                "check",
                                options.role == check::Role::client ? "client" : "server",
                                "--json",
                                "--lang",
                                options.lang == core::Lang::en ? "en" : "fr",
                                "--timeout",
                                fmt::format("{}", options.timeout),
                                "--port",
                                std::to_string(options.port)};
  if (isolated) argv.emplace_back("--private-net");
  for (const auto& id : options.selection.only) argv.insert(argv.end(), {"--only", id});
  for (const auto& id : options.selection.skip) argv.insert(argv.end(), {"--skip", id});
  argv.emplace_back("--");
  for (auto word : options.words) {
    for (auto at = word.find("{}"); at != word.npos; at = word.find("{}", at + path.size())) word.replace(at, 2, path);
    argv.push_back(std::move(word));
  }
  return argv;
}

std::string report_file_name(const std::string& program) {
  std::string name;
  for (const char c : program) name += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '_';
  return name.substr(0, 120) + ".html";
}

}  // namespace liaison::app
