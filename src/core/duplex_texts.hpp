// What `liaison connect --duplex` says on its own, in French and English.
// The rest (prompt, labels, endings) is shared with the lesson's client in
// core/texts.hpp.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/text.hpp"
#include "core/texts.hpp"

namespace liaison::core {

struct DuplexTexts {
  Text<std::int64_t> fin_unanswered;  // {0} = seconds waited for the server's FIN after ours
};

const DuplexTexts& duplex_texts(Lang lang);

}  // namespace liaison::core
