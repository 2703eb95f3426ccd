// `serve --trace` and `connect --trace`: the wire, live on stderr, through the
// real binary -- each message's direction, byte count and text with its
// invisible characters shown, then the close; whole lines even when several
// threads serve at once.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <fmt/format.h>

#include <string>
#include <thread>
#include <vector>

#include "support/client.hpp"
#include "support/process.hpp"
#include "support/text_scan.hpp"

namespace liaison::testing {
namespace {

const std::string greeting = "Bienvenue au juste prix ! Devinez le nombre entier entre 1 et 100.";

// "127.0.0.1:51234": how the server names this client.
std::string address_of(const Client& client) {
  sockaddr_in local{};
  socklen_t size = sizeof local;
  ::getsockname(client.fd(), reinterpret_cast<sockaddr*>(&local), &size);
  return "127.0.0.1:" + std::to_string(ntohs(local.sin_port));
}

// "→   71 octets ": a trace line's direction, byte count and unit.
std::string fmt_bytes(std::size_t count, std::string_view arrow, std::string_view unit) {
  return fmt::format("{} {:4} {:6} ", arrow, count, unit);
}

// The trace line of `peer` whose text after the time is `rest` ("→    3 octets 50\n").
bool traced(Process& process, const std::string& peer, const std::string& rest) {
  const auto lines_with_rest = [&] {
    const std::string err = process.stderr_text();
    for (const std::string_view line : complete_lines(err))
      if (line.starts_with(peer + " +") && line.ends_with(rest)) return true;
    return false;
  };
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!lines_with_rest()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    process.wait_for_stderr("\x01never\x01", 20ms);
  }
  return true;
}

TEST(ServeTrace, ShowsEachLineItsBytesAndTheCloseAfterFin) {
  Server server({"--trace", "--seed", "5"});
  Client client(server.port());
  const std::string peer = address_of(client);
  ASSERT_TRUE(client.read_line());
  client.send("50\n");
  ASSERT_TRUE(client.read_line());
  client.send("FIN\n");
  ASSERT_EQ(client.read_line(), "FIN\n");
  EXPECT_TRUE(client.read_until_closed());
  client.shutdown_send();  // the server's goodbye waits for our side to close
  Process& process = server.process();
  EXPECT_TRUE(traced(process, peer, fmt_bytes(greeting.size() + 1, "→", "octets") + greeting + "\\n"))
      << process.stderr_text();
  EXPECT_TRUE(traced(process, peer, "←    3 octets 50\\n")) << process.stderr_text();
  EXPECT_TRUE(traced(process, peer, "←    4 octets FIN\\n")) << process.stderr_text();
  EXPECT_TRUE(traced(process, peer, "→    4 octets FIN\\n")) << process.stderr_text();
  EXPECT_TRUE(traced(process, peer, " s × fermée après FIN")) << process.stderr_text();
}

TEST(ServeTrace, ShowsAnAccentWholeOrCutInRawMessagesInEnglish) {
  Server server({"--trace", "--lang", "en"});
  Client client(server.port());
  const std::string peer = address_of(client);
  ASSERT_TRUE(client.recv_once());
  client.send("é");  // raw, as the lesson's client: one recv is one message
  ASSERT_TRUE(client.recv_once());
  client.send("caf\xC3");  // é cut in two
  ASSERT_TRUE(client.recv_once());
  client.shutdown_send();
  EXPECT_TRUE(client.read_until_closed());
  Process& process = server.process();
  EXPECT_TRUE(traced(process, peer, "←    2 bytes  é")) << process.stderr_text();
  EXPECT_TRUE(traced(process, peer, "←    4 bytes  caf\\xC3⟨cut UTF-8⟩")) << process.stderr_text();
  EXPECT_TRUE(traced(process, peer, " s × closed by the other side")) << process.stderr_text();
}

// Threads each write whole lines: none is cut by another's.
TEST(ServeTrace, LinesOfSeveralThreadsNeverMix) {
  Server server({"--trace", "--threads", "2"});
  std::vector<std::thread> players;
  for (int i = 0; i < 6; ++i)
    players.emplace_back([port = server.port()] {
      Client client(port);
      client.recv_once();
      for (int guess = 1; guess <= 15; ++guess) converse(client, std::to_string(guess * 3));
      converse(client, "FIN");
    });
  for (auto& player : players) player.join();
  Process& process = server.process();
  int closes = 0;
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (closes < 6 && std::chrono::steady_clock::now() < deadline) {
    process.wait_for_stderr("\x01never\x01", 20ms);
    closes = 0;
    const std::string err = process.stderr_text();
    for (const std::string_view line : complete_lines(err))
      closes += line.ends_with("× fermée après FIN") ? 1 : 0;
  }
  ASSERT_EQ(closes, 6) << process.stderr_text();
  int traced_lines = 0;
  const std::string err = process.stderr_text();
  for (const std::string_view line : complete_lines(err)) {
    if (Scan(line).shape("####-##-##T")) continue;  // the log's connect and disconnect lines
    Scan scan(line);
    const bool well_formed = scan.literal("127.0.0.1:") && scan.digits() && scan.literal(" +") && scan.digits() &&
                             scan.literal(".") && scan.shape("### s ");
    EXPECT_TRUE(well_formed) << line;
    ++traced_lines;
  }
  EXPECT_EQ(traced_lines, 6 * (1 + 2 * 16 + 1));  // greeting, 16 exchanges, the close
}

// `connect --trace` against liaison's server: what the lesson's client sends
// (raw, no \n), what it receives, and the end.
TEST(ConnectTrace, ShowsTheLessonsRawMessagesBothWays) {
  Server server({"--seed", "5"});
  Process client(liaison_binary(), {"connect", "127.0.0.1", std::to_string(server.port()), "--trace"});
  client.write_stdin("50\nfin\n");
  EXPECT_EQ(client.wait(), 0) << client.stderr_text();
  const std::string peer = "127.0.0.1:" + std::to_string(server.port());
  EXPECT_TRUE(traced(client, peer, fmt_bytes(greeting.size() + 1, "←", "octets") + greeting + "\\n"))
      << client.stderr_text();
  EXPECT_TRUE(traced(client, peer, "→    2 octets 50")) << client.stderr_text();
  EXPECT_TRUE(traced(client, peer, "→    3 octets FIN")) << client.stderr_text();
  EXPECT_TRUE(traced(client, peer, "←    3 octets FIN")) << client.stderr_text();
  EXPECT_NE(client.stderr_text().find(" s × fermée"), std::string::npos) << client.stderr_text();
  // stdout is the lesson's transcript, untouched by the trace.
  EXPECT_EQ(client.read_stdout_until("Connexion terminée.").find("octets"), std::string::npos);
}

TEST(ConnectTrace, ShowsLinesWithTheirNewline) {
  Server server({"--seed", "5"});
  Process client(liaison_binary(), {"connect", "127.0.0.1", std::to_string(server.port()), "--line", "--trace"});
  client.write_stdin("50\nfin\n");
  EXPECT_EQ(client.wait(), 0) << client.stderr_text();
  const std::string peer = "127.0.0.1:" + std::to_string(server.port());
  EXPECT_TRUE(traced(client, peer, "→    3 octets 50\\n")) << client.stderr_text();
  EXPECT_TRUE(traced(client, peer, "←    4 octets FIN\\n")) << client.stderr_text();
}

}  // namespace
}  // namespace liaison::testing
