// `liaison serve --service echo`: the threaded lesson's echo, concurrent.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "support/client.hpp"
#include "support/process.hpp"

namespace liaison::testing {
namespace {

TEST(EchoServe, GreetsThenEchoesAndExitEndsWithFin) {
  Server server({"--service", "echo"});
  Client client(server.port());
  EXPECT_NE(client.recv_once()->find("exit"), std::string::npos);
  EXPECT_EQ(converse(client, "bonjour"), "echo : bonjour");
  EXPECT_EQ(converse(client, "héhé 😀"), "echo : héhé 😀");
  EXPECT_EQ(converse(client, "exit"), "FIN");
  EXPECT_TRUE(client.read_until_closed());
}

TEST(EchoServe, InvalidUtf8IsExplainedNotEchoed) {
  Server server({"--service", "echo"});
  Client client(server.port());
  client.recv_once();
  EXPECT_EQ(converse(client, "\xFF\xFE"), "Texte illisible (UTF-8 invalide) : écrivez en UTF-8.");
}

TEST(EchoServe, RawEchoOfALongMessageStaysWithinOneRecvAndWholeCharacters) {
  Server server({"--service", "echo"});
  Client client(server.port());
  client.recv_once();
  std::string message;
  while (message.size() < 1020) message += "é";  // 2 bytes each: 1020 bytes
  const std::string reply = converse(client, message);
  EXPECT_LE(reply.size(), 1024U);
  EXPECT_EQ(reply.size() % 2, 1U) << "'echo : ' is 7 bytes, then whole 2-byte characters only";
  EXPECT_EQ(converse(client, "encore"), "echo : encore");
}

TEST(EchoServe, ClientsAreServedConcurrently) {
  Server server({"--service", "echo"});
  Client idle(server.port());  // holds a connection without speaking
  idle.recv_once();
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < 20; ++i) {
    clients.push_back(std::make_unique<Client>(server.port()));
    clients.back()->recv_once();
  }
  for (int i = 0; i < 20; ++i) EXPECT_EQ(converse(*clients[static_cast<std::size_t>(i)], std::to_string(i)), "echo : " + std::to_string(i));
  EXPECT_EQ(converse(idle, "enfin"), "echo : enfin");
}

TEST(EchoServe, LineClients) {
  Server server({"--service", "echo", "--lang", "en"});
  Client client(server.port());
  EXPECT_EQ(client.read_line(), "Echo server: every message is sent back to you, exit to stop.\n");
  client.send("a\nb\nexit\n");
  EXPECT_EQ(client.read_line(), "echo : a\n");
  EXPECT_EQ(client.read_line(), "echo : b\n");
  EXPECT_EQ(client.read_line(), "FIN\n");
}

}  // namespace
}  // namespace liaison::testing
