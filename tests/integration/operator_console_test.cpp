// `liaison serve --service chat`, the lesson's operator server, as a child
// process whose console (stdin) the test types into, with test clients that
// speak raw (the lesson's client) or in lines (netcat).
#include <gtest/gtest.h>
#include <signal.h>

#include <string>

#include "support/client.hpp"
#include "support/process.hpp"

namespace liaison::testing {
namespace {

struct ChatServer {
  Server server{{"--service", "chat"}};
  Process& console = server.process();

  // The operator types `line` once the console prompts for it.
  void type(std::string_view line, std::string_view prompt = "moi > ") {
    wait_for_prompt(prompt);
    console.write_stdin(line);
  }
  void wait_for_prompt(std::string_view prompt) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!console.stdout_text().ends_with(prompt) && std::chrono::steady_clock::now() < deadline)
      console.read_stdout_until("\x01never\x01", 20ms);
  }
  std::string out() { return console.read_stdout_until("\x01never\x01", 100ms); }
};

TEST(LessonOperator, TalksWithTheLessonsClientUntilItsFin) {
  ChatServer chat;
  EXPECT_TRUE(chat.console.stdout_text().starts_with("Serveur prêt sur 127.0.0.1:"));
  Client client(chat.server.port());
  chat.console.read_stdout_until("Client connecté. : 127.0.0.1:");
  chat.type("Bonjour\n");
  EXPECT_EQ(client.recv_once(), "Bonjour\n");  // nobody knows the client's framing yet
  client.send("salut");
  chat.console.read_stdout_until("client > salut\n");
  chat.type("Ça va ?\n");
  EXPECT_EQ(client.recv_once(), "Ça va ?");  // raw now, as the lesson's client expects
  client.send(" fin ");
  EXPECT_EQ(client.recv_once(), "FIN");  // exactly: the lesson's client stops on nothing else
  EXPECT_TRUE(client.read_until_closed());
  client.shutdown_send();  // the lesson's client closes after FIN
  chat.type("T\n", "<R>ecommencer <T>erminer ? ");
  EXPECT_EQ(chat.console.wait(), 0);
  EXPECT_TRUE(chat.out().ends_with("moi > Ça va ?\nclient >  fin \n<R>ecommencer <T>erminer ? T\n")) << chat.out();
}

TEST(LessonOperator, AnswersANetcatClientInLines) {
  ChatServer chat;
  Client client(chat.server.port());
  chat.type("\n");  // an empty line is not sent: the client would wait for ever
  chat.type("Bonjour\n");
  EXPECT_EQ(client.read_line(), "Bonjour\n");
  client.send("salut\r\n");
  chat.type("encore ?\n");
  EXPECT_EQ(client.read_line(), "encore ?\n");
  client.send("ok\n");
  chat.console.read_stdout_until("client > ok\n");
  EXPECT_NE(chat.out().find("client > salut\n"), std::string::npos);
  chat.type("fin\n");
  EXPECT_EQ(client.read_line(), "FIN\n");
  EXPECT_TRUE(client.read_until_closed());
  client.shutdown_send();
  chat.type("x\n", "<R>ecommencer <T>erminer ? ");  // neither R nor T: asked again
  chat.console.read_stdout_until("? x\n<R>ecommencer <T>erminer ? ");
  chat.console.write_stdin("t\n");
  EXPECT_EQ(chat.console.wait(), 0);
  EXPECT_TRUE(chat.out().starts_with("Serveur prêt")) << chat.out();
  EXPECT_NE(chat.out().find("moi > \nmoi > Bonjour\n"), std::string::npos) << chat.out();
}

TEST(LessonOperator, TheNextClientWaitsForTheEndOfTheConversation) {
  ChatServer chat;
  Client first(chat.server.port());
  Client second(chat.server.port());  // accepted by the kernel, not by the operator
  chat.type("Bonjour\n");
  EXPECT_EQ(first.recv_once(), "Bonjour\n");
  EXPECT_EQ(second.recv_once(1024, 300ms), std::nullopt);
  first.send("FIN");
  EXPECT_EQ(first.recv_once(), "FIN");
  first.shutdown_send();
  chat.type("R\n", "<R>ecommencer <T>erminer ? ");
  chat.type("Au suivant\n");
  EXPECT_EQ(second.recv_once(), "Au suivant\n");
  second.send("merci");
  chat.type("FIN\n");
  EXPECT_EQ(second.recv_once(), "FIN");
  second.shutdown_send();
  chat.type("T\n", "<R>ecommencer <T>erminer ? ");
  EXPECT_EQ(chat.console.wait(), 0);
  const std::string out = chat.out();
  EXPECT_NE(out.find("client > merci\nmoi > FIN\n"), std::string::npos) << out;
}

TEST(LessonOperator, ClientLeavingIsNoticedEvenWhileTheOperatorTypes) {
  ChatServer chat;
  {
    Client client(chat.server.port());
    chat.wait_for_prompt("moi > ");
  }  // gone without FIN
  chat.console.read_stdout_until("<R>ecommencer <T>erminer ? ");
  EXPECT_NE(chat.out().find("moi > \nLe client a fermé la connexion sans FIN.\n"), std::string::npos) << chat.out();
  chat.console.write_stdin("T\n");
  EXPECT_EQ(chat.console.wait(), 0);
}

TEST(LessonOperator, ClientFinWhileTheOperatorTypesGetsFin) {
  ChatServer chat;
  Client client(chat.server.port());
  chat.wait_for_prompt("moi > ");
  client.send("FIN");
  EXPECT_EQ(client.recv_once(), "FIN");
  // The client stays connected: the question still comes, after a bounded wait.
  chat.type("T\n", "<R>ecommencer <T>erminer ? ");
  EXPECT_EQ(chat.console.wait(), 0);
}

TEST(LessonOperator, ConsoleClosingSaysFinToTheClient) {
  ChatServer chat;
  Client client(chat.server.port());
  chat.type("Bonjour\n");
  EXPECT_EQ(client.recv_once(), "Bonjour\n");
  chat.console.close_stdin();  // while waiting for the client's answer
  EXPECT_EQ(client.recv_once(), "FIN");
  EXPECT_TRUE(client.read_until_closed());
  client.shutdown_send();
  EXPECT_EQ(chat.console.wait(), 0);
}

TEST(LessonOperator, InvalidUtf8IsShownReplaced) {
  ChatServer chat;
  Client client(chat.server.port());
  chat.type("Bonjour\n");
  EXPECT_EQ(client.recv_once(), "Bonjour\n");
  client.send("\xff\xfe" "caf\xc3\xa9");
  chat.console.read_stdout_until("café");
  EXPECT_NE(chat.out().find("client > \uFFFD\uFFFDcafé\n"), std::string::npos);
  chat.type("FIN\n");
  EXPECT_EQ(client.recv_once(), "FIN");
}

TEST(LessonOperator, CtrlCSaysFinAndExits130) {
  ChatServer chat;
  Client client(chat.server.port());
  chat.wait_for_prompt("moi > ");
  chat.console.signal(SIGINT);
  EXPECT_EQ(client.recv_once(), "FIN");
  EXPECT_EQ(chat.console.wait(), 130);
  EXPECT_EQ(chat.console.stderr_text(), "Interrompu.\n");
}

TEST(LessonOperator, PortInUseCannotStart) {
  ChatServer chat;
  const std::string port = std::to_string(chat.server.port());
  Process second(liaison_binary(), {"serve", "--service", "chat", "--port", port});
  EXPECT_EQ(second.wait(), 1);
  EXPECT_TRUE(second.stderr_text().starts_with("Impossible de démarrer le service sur 127.0.0.1:" + port + " : "))
      << second.stderr_text();
}

TEST(LessonOperator, EnglishTexts) {
  Server server({"--service", "chat", "--lang", "en"});
  EXPECT_TRUE(server.process().stdout_text().starts_with("Server ready on 127.0.0.1:"));
  Client client(server.port());
  server.process().read_stdout_until("me > ");
  client.send("FIN");
  EXPECT_EQ(client.recv_once(), "FIN");
  client.shutdown_send();
  server.process().read_stdout_until("<R>estart <T>erminate ? ");
  server.process().close_stdin();
  EXPECT_EQ(server.process().wait(), 0);
}

}  // namespace
}  // namespace liaison::testing
