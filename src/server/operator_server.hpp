// The lesson's operator server (`liaison serve --service chat`): a person at
// the server console talks with one client at a time, speaking first; FIN
// from either side ends the conversation, then <R>ecommencer <T>erminer ?
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/texts.hpp"

namespace liaison::server {

struct OperatorOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 50000;
  const core::Texts* texts = &core::texts(core::Lang::fr);
  std::optional<core::Lang> trace;  // --trace: the client's messages and ours on stderr
};

// Runs until the operator chooses T (or the console closes). Returns the exit
// code: 0, or 1 when the address cannot be bound.
int run_operator_server(const OperatorOptions& options);

}  // namespace liaison::server
