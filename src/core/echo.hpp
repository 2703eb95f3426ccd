// The threaded lesson's echo service: "echo : <msg>", "exit" (or FIN) ends it.
#pragma once

#include <string>
#include <string_view>

#include "core/session.hpp"
#include "core/texts.hpp"

namespace liaison::core {

class Echo final : public Session {
 public:
  explicit Echo(const Texts& texts) : texts_(texts) {}

  std::string greeting() override;
  Reply on_message(std::string_view text) override;

 private:
  const Texts& texts_;
};

}  // namespace liaison::core
