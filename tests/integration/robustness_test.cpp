// Limits and hostile clients against the real `liaison serve`: every ending
// initiated by the server reaches a raw client as a 1024-byte notice then an
// exact FIN, and reaches a line client as two lines.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support/client.hpp"
#include "support/process.hpp"

namespace liaison::testing {
namespace {

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

// The notice fills exactly one recv(1024); the FIN comes alone after it.
void expect_notice_then_fin(Client& client, std::string_view notice_start) {
  const auto notice = client.recv_once(1024, 5s);
  ASSERT_TRUE(notice);
  EXPECT_TRUE(starts_with(*notice, notice_start)) << *notice;
  EXPECT_EQ(notice->size(), 1024U);
  EXPECT_EQ(client.recv_once(1024, 5s), "FIN");
  EXPECT_TRUE(client.read_until_closed());
}

TEST(Robustness, OneClientTooManyIsToldTheServerIsFull) {
  Server server({"--max-clients", "2"});
  Client first(server.port()), second(server.port());
  first.recv_once();
  second.recv_once();
  Client third(server.port());
  expect_notice_then_fin(third, "Serveur complet (2 joueurs)");
  EXPECT_NE(converse(first, "50"), "<timeout>") << "the seated players go on";
}

// Connections the log wrote one a line ("... Z connect 127.0.0.1:PORT"), and
// those it counted instead ("... Z 150 connect, 3 disconnect not shown ...").
std::pair<int, int> connects_written_and_counted(const std::string& log) {
  int written = 0, counted = 0;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("Z connect ") != std::string::npos) ++written;
    const std::size_t end = line.find(" not shown (over ");
    if (end == std::string::npos) continue;
    std::istringstream counts(line.substr(line.find("Z ") + 2, end - line.find("Z ") - 2));
    for (std::string part; std::getline(counts, part, ',');) {
      std::istringstream words(part);
      int number = 0;
      std::string kind;
      if (words >> number >> kind && kind == "connect") counted += number;
    }
  }
  return {written, counted};
}

// A whole school connecting at once: past 100 connection lines a second the
// log counts them instead and says how many it left out (within a second,
// even when nothing else happens). Every connection is in the log, written
// or counted.
TEST(Robustness, ABurstOfConnectionsIsCountedRatherThanWrittenLineByLine) {
  Server server({"--max-per-ip", "400"});
  constexpr int crowd_size = 350;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::unique_ptr<Client>> crowd;
  for (int i = 0; i < crowd_size; ++i) crowd.push_back(std::make_unique<Client>(server.port()));
  for (auto& client : crowd) ASSERT_TRUE(client->recv_once().has_value()) << "everyone is greeted";
  // Every connect line was due between `start` and now (before its
  // greeting): within that many of the log's seconds, 100 lines each.
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start);
  const int most_written = 100 * (static_cast<int>(seconds.count()) + 2);
  std::pair<int, int> seen;
  for (int i = 0; i < 60 && seen.first + seen.second < crowd_size; ++i) {
    std::this_thread::sleep_for(50ms);
    seen = connects_written_and_counted(server.process().stderr_text());
  }
  EXPECT_EQ(seen.first + seen.second, crowd_size) << server.process().stderr_text();
  EXPECT_LE(seen.first, most_written);
  if (most_written < crowd_size) {
    EXPECT_GE(seen.second, crowd_size - most_written);
  }
}

TEST(Robustness, SeatsFreeUpWhenPlayersLeave) {
  Server server({"--max-clients", "1"});
  {
    Client first(server.port());
    first.recv_once();
    EXPECT_EQ(converse(first, "FIN"), "FIN");
    first.read_until_closed();
  }
  ASSERT_TRUE(server.process().wait_for_stderr("disconnect"));
  Client next(server.port());
  EXPECT_NE(next.recv_once()->find("entre 1 et 100"), std::string::npos);
}

TEST(Robustness, TooManyConnectionsFromOneAddress) {
  Server server({"--max-per-ip", "1"});
  Client first(server.port());
  first.recv_once();
  Client second(server.port());
  expect_notice_then_fin(second, "Trop de connexions depuis votre adresse (limite 1)");
}

TEST(Robustness, SilentClientGetsANoticeThenFin) {
  Server server({"--idle-timeout", "1"});
  Client client(server.port());
  client.recv_once();
  const auto notice = client.recv_once(1024, 3s);
  ASSERT_TRUE(notice);
  EXPECT_TRUE(starts_with(*notice, "Aucun message depuis 1 s")) << *notice;
  EXPECT_EQ(notice->size(), 1024U);
  EXPECT_EQ(client.recv_once(), "FIN");
}

TEST(Robustness, SilentLineClientGetsTwoLines) {
  Server server({"--idle-timeout", "1", "--lang", "en"});
  Client client(server.port());
  client.read_line();
  client.send("50\n");
  client.read_line();
  EXPECT_EQ(client.read_line(3s), "No message for 1 s: closing the connection. Goodbye!\n");
  EXPECT_EQ(client.read_line(), "FIN\n");
}

TEST(Robustness, TalkingKeepsTheIdleTimerAway) {
  Server server({"--idle-timeout", "1"});
  Client client(server.port());
  client.recv_once();
  for (int i = 0; i < 4; ++i) {
    EXPECT_FALSE(client.recv_once(1024, 600ms)) << "nothing unprompted";
    EXPECT_NE(converse(client, "abc"), "FIN");
  }
}

TEST(Robustness, OversizedRawMessageIsRefusedAndTheSessionGoesOn) {
  Server server({"--seed", "1"});
  Client client(server.port());
  client.recv_once();
  EXPECT_EQ(converse(client, std::string(5000, '7')), "Message trop long (plus de 1024 octets) : il a été ignoré.");
  EXPECT_TRUE(starts_with(converse(client, "50"), "C'est"));
}

TEST(Robustness, OverlongLineIsDiscardedUpToItsEnd) {
  Server server({"--seed", "1"});
  Client client(server.port());
  client.read_line();
  client.send("50\n");
  client.read_line();
  for (int i = 0; i < 100; ++i) client.send(std::string(10'000, 'x'));  // one megabyte, no newline
  EXPECT_EQ(client.read_line(), "Message trop long (plus de 1024 octets) : il a été ignoré.\n");
  client.send("tail of the long line\nfin\n");
  EXPECT_EQ(client.read_line(), "FIN\n");
}

TEST(Robustness, ClientThatNeverReadsIsCutOff) {
  Server server({});
  Client hog(server.port());
  // Many small messages, never reading a reply: the server stops answering
  // once too much is left unread, instead of buffering without bound.
  std::string burst;
  for (int i = 0; i < 2000; ++i) burst += "abc\n";
  bool cut = false;
  for (int round = 0; round < 2000 && !cut; ++round) {
    try {
      hog.send(burst);
    } catch (const std::exception&) {
      cut = true;
    }
  }
  EXPECT_TRUE(cut) << "the server should have closed the connection";
  Client player(server.port());
  EXPECT_NE(player.recv_once()->find("entre 1 et 100"), std::string::npos);
  EXPECT_NE(server.process().stderr_text().find("output limit"), std::string::npos);
}

TEST(Robustness, DeniedAddressesAreClosedAtOnce) {
  Server server({"--deny", "127.0.0.0/8"});
  Client client(server.port());
  std::string rest;
  EXPECT_TRUE(client.read_until_closed(&rest, 2s));
  EXPECT_EQ(rest, "FIN") << "a bare FIN, so that the lesson's client ends normally";
  EXPECT_TRUE(server.process().wait_for_stderr("denied 127.0.0.1"));
}

TEST(Robustness, AllowListAdmitsOnlyItsNetworks) {
  Server only_elsewhere({"--allow", "10.0.0.0/8", "--allow", "fd00::/8"});
  Client refused(only_elsewhere.port());
  EXPECT_TRUE(refused.read_until_closed(nullptr, 2s));
  Server loopback({"--allow", "127.0.0.1/32"});
  Client welcome(loopback.port());
  EXPECT_NE(welcome.recv_once()->find("entre 1 et 100"), std::string::npos);
}

TEST(Robustness, BadCidrIsAUsageError) {
  for (const char* cidr : {"10.0.0.0/33", "banana", "::1/129", "10.0.0.0/"}) {
    Process bad(liaison_binary(), {"serve", "--allow", cidr});
    EXPECT_EQ(bad.wait(5s), 2) << cidr;
  }
}

TEST(Robustness, DualStackAcceptsIPv4AndIPv6) {
  Server server({"--host", "::"});
  Client v4(server.port(), "127.0.0.1");
  Client v6(server.port(), "::1");
  EXPECT_NE(v4.recv_once()->find("entre 1 et 100"), std::string::npos);
  EXPECT_NE(v6.recv_once()->find("entre 1 et 100"), std::string::npos);
}

TEST(Robustness, AddressThatIsNotOursIsAOneLineErrorAndExitOne) {
  Process server(liaison_binary(), {"serve", "--host", "192.0.2.1", "--port", "0"});
  EXPECT_EQ(server.wait(5s), 1);
  const std::string error = server.stderr_text();
  EXPECT_NE(error.find("Impossible de démarrer le service sur 192.0.2.1:0"), std::string::npos) << error;
  EXPECT_EQ(std::count(error.begin(), error.end(), '\n'), 1) << error;
}

// A raw client is typing: FIN alone reaches it with its next recv, however
// late; a line client gets the notice too.
TEST(Robustness, SigtermSaysGoodbyeToEveryoneAndExitsZero) {
  Server server({"--seed", "1"});
  Client raw(server.port()), line(server.port());
  raw.recv_once();
  EXPECT_TRUE(starts_with(converse(raw, "50"), "C'est"));
  line.read_line();
  line.send("50\n");
  line.read_line();
  server.process().signal(SIGTERM);
  EXPECT_EQ(raw.recv_once(), "FIN");
  EXPECT_TRUE(raw.read_until_closed());
  EXPECT_EQ(line.read_line(), "Le serveur s'arrête. Merci d'avoir joué, au revoir !\n");
  EXPECT_EQ(line.read_line(), "FIN\n");
  EXPECT_EQ(server.process().wait(2500ms), 0);
}

TEST(Robustness, SecondSignalExitsAtOnce) {
  Server server({});
  Client stubborn(server.port());  // reads, but never closes its side
  stubborn.recv_once();
  server.process().signal(SIGINT);
  EXPECT_EQ(stubborn.recv_once(1024, 2s), "FIN");  // the goodbye has started
  server.process().signal(SIGINT);
  EXPECT_EQ(server.process().wait(1s), 128 + SIGINT);
}

TEST(Robustness, OutOfDescriptorsTheServerKeepsServingAndRecovers) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "the sanitizer runtime needs descriptors of its own under a 32-descriptor limit; "
                  "the release suite runs this test";
#endif
  // 32 descriptors: a few for the process (no scores file: its three
  // descriptors would change the count), the rest for clients.
  Process server("/usr/bin/prlimit",
                 {"--nofile=32", "--", liaison_binary(), "serve", "--port", "0", "--db", ":memory:", "--seed", "1"});
  const std::string ready = server.read_stdout_until("\n", 5s);
  const auto colon = ready.rfind(':');
  ASSERT_NE(colon, std::string::npos) << ready;
  const auto port = static_cast<std::uint16_t>(std::stoi(ready.substr(colon + 1)));
  std::vector<std::unique_ptr<Client>> crowd;
  for (int i = 0; i < 40; ++i) crowd.push_back(std::make_unique<Client>(port));  // the kernel queues them
  EXPECT_NE(crowd.front()->recv_once()->find("entre 1 et 100"), std::string::npos);
  EXPECT_FALSE(crowd.back()->recv_once(1024, 300ms)) << "no descriptor left for the last ones";
  EXPECT_TRUE(starts_with(converse(*crowd.front(), "50"), "C'est")) << "seated players go on";
  for (int i = 0; i < 20; ++i) crowd[static_cast<std::size_t>(i)].reset();  // free descriptors
  const auto late = crowd.back()->recv_once(1024, 3s);
  ASSERT_TRUE(late);
  EXPECT_NE(late->find("entre 1 et 100"), std::string::npos);
  EXPECT_NE(server.stderr_text().find("accept failed"), std::string::npos);
}

}  // namespace
}  // namespace liaison::testing
