// A QR code as an SVG image (libqrencode), for the page's own address: a
// phone in the classroom scans it from the wall.
#pragma once

#include <string>
#include <string_view>

namespace liaison::web {

// Black squares on white, a quiet zone of 4 modules, error correction M.
// Throws std::runtime_error when the text cannot be encoded.
std::string qr_svg(std::string_view text);

}  // namespace liaison::web
