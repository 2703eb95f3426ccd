// The page projected in the classroom (src/web/page/index.html, built into
// the binary: nothing to install beside it).
#pragma once

#include <string_view>

namespace liaison::web {

extern const std::string_view page_html;

}  // namespace liaison::web
