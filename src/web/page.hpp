// The pages, built into the binary (nothing to install beside it): the one
// projected in the classroom (src/web/page/index.html) and the one a student
// plays from (src/web/page/play.html).
#pragma once

#include <string_view>

namespace liaison::web {

extern const std::string_view page_html;
extern const std::string_view play_html;

}  // namespace liaison::web
