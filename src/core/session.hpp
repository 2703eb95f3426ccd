// The contract between a transport and a service: a session is a pure state
// machine. It says something first, then answers each message with exactly one
// reply. No socket, clock or thread in here, so every transport (raw TCP, line
// TCP, tests, fuzzers) drives the same object.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/framing.hpp"
#include "core/texts.hpp"

namespace liaison::core {

struct Reply {
  std::string text;   // empty: nothing is sent (a client that reads pushed news needs no acknowledgement)
  bool last = false;  // the conversation ends once this reply is sent
};

// What a multi-user session may ask of the transport that carries its client.
class Peer {
 public:
  // How the client frames its messages (unknown until it has spoken).
  virtual Framing framing() const = 0;
  // Sends `text` now, between replies, to a client that reads whatever comes
  // (see docs/protocol.md, "push"). Never blocks: the transport queues it,
  // bounded, and drops what a client too slow to read leaves behind.
  virtual void deliver(std::string_view text) = 0;
  // Ends the conversation from the server's side (a teacher's kick): the
  // client gets `notice`, then FIN, then the close. The room has already
  // let the member go.
  virtual void close(std::string_view notice) = 0;

 protected:
  ~Peer() = default;
};

// The line a held reply waits for (Session::hold_reply).
using HeldLine = std::function<bool(std::string line)>;

// A line that needs a read which may wait -- the leaderboard, from a scores
// file another process writes or a database that may be slow or away. It
// touches no session: any thread may run it (Session::take_slow_line).
using SlowLine = std::function<std::string()>;

class Session {
 public:
  virtual ~Session() = default;
  // Called once by the transport before greeting(). Single-user services
  // ignore it; rooms use the peer to reach this client between its turns.
  virtual void attach(Peer& /*peer*/) {}
  // The first words, sent as soon as the client connects.
  virtual std::string greeting() = 0;
  // One reply per message. `text` may be any bytes, not only valid UTF-8.
  virtual Reply on_message(std::string_view text) = 0;
  // Asked by the transport right after on_message: true when the reply's
  // last line is provisional (a rank the database decides, in a round
  // shared across servers). Then hold_reply(done): the session calls
  // `done(line)` on its own thread, once, with the line to send instead;
  // `done` returns false when the transport stopped waiting (the reply
  // left as it was), and the session tells the line otherwise.
  virtual bool reply_held() const { return false; }
  virtual void hold_reply(HeldLine /*done*/) {}
  // Asked by the transport right after on_message: the read the reply's last
  // line waits for (/scores), handed over rather than done on the session's
  // thread. The reply's last line meanwhile says the read is late. core::answer
  // runs it at once; a transport with threads for reads runs it there, never
  // on a game loop, and sends its line in place of the last one -- or the
  // reply as it is, when the read takes too long.
  virtual SlowLine take_slow_line() { return {}; }
};

using SessionFactory = std::function<std::unique_ptr<Session>()>;

// The reply to a decoded message: over-long messages get the same notice from
// every service; everything else goes to the session. A slow line is run
// here, on the caller's thread.
Reply answer(Session& session, const Message& message, const Texts& texts);
// The same, leaving the slow line (if any) to the caller in `slow`.
Reply answer(Session& session, const Message& message, const Texts& texts, SlowLine& slow);

// Where the last line of `text` starts (0: it is one line).
std::size_t last_line_start(std::string_view text);
// The reply with its last line replaced by `line` (a held or slow line).
void replace_last_line(Reply& reply, std::string_view line);

// The reply that ends a conversation.
Reply goodbye();

}  // namespace liaison::core
