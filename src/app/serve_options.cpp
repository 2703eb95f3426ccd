#include "app/serve_options.hpp"

namespace liaison::app {

std::string service_name(const ServeOptions& options) {
  switch (options.service) {
    case Service::juste_prix: return options.mode == Mode::partie ? "partie" : "juste-prix";
    case Service::echo: return "echo";
    case Service::chat: return "chat";
    case Service::salon: return "salon";
  }
  return "?";
}

}  // namespace liaison::app
