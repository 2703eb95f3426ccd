// What `liaison serve` was asked to run: the options as parsed, and the few
// facts derived from them that several parts of the command need.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/bounds.hpp"
#include "core/flood_guard.hpp"
#include "core/texts.hpp"

namespace liaison::app {

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
  bool trace = false;  // every connection's messages on stderr, as `check` shows them
  unsigned threads = 1;
  std::size_t max_clients = 1024;
  std::size_t max_per_ip = 64;
  unsigned idle_timeout = 300;
  std::vector<std::string> allow;
  std::vector<std::string> deny;
  std::optional<std::string> web;  // [HOST:]PORT of the web side
  std::string teacher_token;       // "" = a new random one
  std::string room;                // partie on PostgreSQL: the round shared by every server with this name
  double room_lease = 3;           // seconds the clock's owner holds the shared round
};

// One room for every player: the salon, or the juste prix in rounds.
inline bool is_room(const ServeOptions& options) {
  return options.service == Service::salon || (options.service == Service::juste_prix && options.mode == Mode::partie);
}

// --trace, in --lang's words (nullopt: no trace).
inline std::optional<core::Lang> trace_lang(const ServeOptions& options) {
  return options.trace ? std::optional(options.lang) : std::nullopt;
}

// The name the web side shows and labels its metrics with.
std::string service_name(const ServeOptions& options);

}  // namespace liaison::app
