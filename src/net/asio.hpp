// The few Asio names that every role on the network (net, server, client,
// terminal, bench, web) uses everywhere: declared once, for all of liaison.
#pragma once

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>

namespace liaison {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// Completion token for operations whose failure is expected: errors as values.
inline constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

}  // namespace liaison
