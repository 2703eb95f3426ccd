// `liaison connect --duplex`: a client for servers that speak at any time (a
// chat room, multiplayer rounds). Lines both ways; every line the server
// sends is shown as it arrives, even while the person is typing, and each
// line they type is sent when they press Enter. FIN from the server ends the
// conversation; Ctrl-D (or the end of a script) says FIN and waits a little
// for the server's.
//
// On a terminal the person's line is edited with libedit (history, arrows)
// and the server's lines are printed above it, never into it. Otherwise
// stdin is read as plain lines and stdout is a plain transcript, so that
// scripts can drive it (terminal/duplex_console.hpp).
#pragma once

#include "core/duplex_texts.hpp"
#include "client/lesson_client.hpp"

namespace liaison::client {

// options.lines is ignored: the duplex client always speaks in lines.
// Returns the exit code: 0 after FIN, 1 when the connection fails or the
// server leaves without FIN, 128 + N when stopped by signal N (130 for Ctrl-C).
int run_duplex_client(const ClientOptions& options, const core::DuplexTexts& duplex_texts);

}  // namespace liaison::client
