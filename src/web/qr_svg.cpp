#include "web/qr_svg.hpp"

#include <qrencode.h>

#include <fmt/format.h>

#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>

namespace liaison::web {

std::string qr_svg(std::string_view text) {
  const std::string owned(text);
  const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(owned.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code) throw std::runtime_error("cannot make a QR code of this text");
  constexpr int quiet = 4;
  const int width = code->width;
  const int size = width + 2 * quiet;
  std::string svg = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {0} {0}" shape-rendering="crispEdges">)"
      R"(<rect width="{0}" height="{0}" fill="#fff"/><path fill="#000" d=")",
      size);
  for (int y = 0; y < width; ++y)
    for (int x = 0; x < width; ++x)
      if (code->data[y * width + x] & 1) fmt::format_to(std::back_inserter(svg), "M{} {}h1v1h-1z", x + quiet, y + quiet);
  svg += R"("/></svg>)";
  return svg;
}

}  // namespace liaison::web
