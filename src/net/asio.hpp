// The few Asio names the net layer uses everywhere.
#pragma once

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>

namespace liaison::net {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// Completion token for operations whose failure is expected: errors as values.
inline constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

}  // namespace liaison::net
