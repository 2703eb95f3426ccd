// `liaison connect`, the lesson's client, as a child process: against the real
// juste prix server, and against a scripted server socket that can misbehave.
#include <gtest/gtest.h>
#include <signal.h>

#include <string>

#include "support/process.hpp"
#include "support/scripted_server.hpp"

namespace liaison::testing {
namespace {

Process connect_to(const std::string& port, std::vector<std::string> more = {}) {
  std::vector<std::string> args{"connect", "127.0.0.1", port};
  args.insert(args.end(), more.begin(), more.end());
  return Process(liaison_binary(), args);
}

int count(const std::string& text, std::string_view needle) {
  int found = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++found;
  return found;
}

// Waits until stdout holds `needle` `times` times (or the timeout).
void wait_for(Process& process, std::string_view needle, int times) {
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (count(process.stdout_text(), needle) < times && std::chrono::steady_clock::now() < deadline)
    process.read_stdout_until("\x01never\x01", 50ms);
}

TEST(LessonClient, ClosedPortSaysTheLessonsSentenceAndFails) {
  Process client = connect_to(closed_port());
  EXPECT_EQ(client.wait(), 1);
  EXPECT_EQ(client.read_stdout_until("\n"), "La connexion a échoué.\n");
  EXPECT_NE(client.stderr_text().find("127.0.0.1:"), std::string::npos);
}

TEST(LessonClient, PlaysJustePrixThenFin) {
  Server server({"--seed", "5"});
  Process client = connect_to(std::to_string(server.port()));
  int turn = 0;
  for (const char* guess : {"50\n", "25\n", "75\n", "FIN\n"}) {
    ++turn;
    wait_for(client, "moi > ", turn);  // strict alternation: one prompt per server message
    ASSERT_EQ(count(client.stdout_text(), "serveur > "), turn) << client.stdout_text();
    client.write_stdin(guess);
    wait_for(client, "serveur > ", turn + 1);
  }
  EXPECT_EQ(client.wait(), 0) << client.stdout_text() << client.stderr_text();
  const std::string out = client.read_stdout_until("Connexion terminée.");
  EXPECT_TRUE(out.starts_with("serveur > Bienvenue au juste prix !")) << out;
  EXPECT_EQ(count(out, "serveur > "), 5) << out;
  EXPECT_EQ(count(out, "moi > "), 4) << out;  // the typed lines follow: stdin is a pipe
  EXPECT_NE(out.find("moi > 50\n"), std::string::npos) << out;
  EXPECT_TRUE(out.ends_with("moi > FIN\nserveur > FIN\nConnexion terminée.\n")) << out;
}

TEST(LessonClient, EnglishTexts) {
  Server server({"--lang", "en"});
  Process client = connect_to(std::to_string(server.port()), {"--lang", "en"});
  client.write_stdin("fin\n");
  EXPECT_EQ(client.wait(), 0);
  const std::string out = client.read_stdout_until("Connection ended.");
  EXPECT_TRUE(out.starts_with("server > Welcome")) << out;
  EXPECT_TRUE(out.ends_with("me > fin\nserver > FIN\nConnection ended.\n")) << out;
  EXPECT_EQ(connect_to(closed_port(), {"--lang", "en"}).read_stdout_until("\n"), "The connection failed.\n");
}

TEST(LessonClient, SendsRawLinesNeverEmptyOnesAndFinExactly) {
  ScriptedServer server;
  Process client = connect_to(server.port());
  ASSERT_TRUE(server.accept());
  server.send("Question ?\n");
  client.write_stdin("\n\nréponse\n");
  EXPECT_EQ(server.recv_once(), "réponse");  // not "", not "réponse\n"
  server.send("Et alors ?");
  client.write_stdin(" fin \n");
  EXPECT_EQ(server.recv_once(), "FIN");  // the lesson's server only knows FIN
  server.close_connection();             // the lesson's server leaves without FIN
  EXPECT_EQ(client.wait(), 0) << client.stderr_text();
  const std::string out = client.read_stdout_until("Connexion terminée.");
  EXPECT_TRUE(out.starts_with("serveur > Question ?\nmoi > \nmoi > \nmoi > réponse\nserveur > Et alors ?\n")) << out;
  EXPECT_TRUE(out.ends_with("Connexion terminée.\n")) << out;
}

TEST(LessonClient, EndOfInputSaysFinAndWaitsForTheServersFin) {
  ScriptedServer server;
  Process client = connect_to(server.port());
  ASSERT_TRUE(server.accept());
  server.send("Bonjour");
  client.close_stdin();
  EXPECT_EQ(server.recv_once(), "FIN");
  EXPECT_EQ(client.wait(300ms), -1);  // still waiting for our FIN
  server.send("FIN");
  EXPECT_EQ(client.wait(), 0);
  EXPECT_EQ(client.read_stdout_until("terminée."), "serveur > Bonjour\nmoi > FIN\nserveur > FIN\nConnexion terminée.\n");
}

TEST(LessonClient, ServerLeavingWithoutFinIsAnErrorEvenWhileTyping) {
  ScriptedServer server;
  Process client = connect_to(server.port());
  ASSERT_TRUE(server.accept());
  server.send("Bonjour");
  client.read_stdout_until("moi > ");
  server.close_connection();  // nothing typed yet
  EXPECT_EQ(client.wait(), 1);
  EXPECT_EQ(client.stderr_text(), "Le serveur a fermé la connexion sans FIN.\n");
  EXPECT_EQ(client.read_stdout_until("moi > \n"), "serveur > Bonjour\nmoi > \n");
}

TEST(LessonClient, FinWhileTypingEndsTheConversation) {
  ScriptedServer server;
  Process client = connect_to(server.port(), {"--line"});
  ASSERT_TRUE(server.accept());
  server.send("Bonjour\n");
  client.read_stdout_until("moi > ");
  server.send("FIN");  // bare, as before the server knows our framing
  server.close_connection();
  EXPECT_EQ(client.wait(), 0);
  EXPECT_EQ(client.read_stdout_until("terminée."), "serveur > Bonjour\nmoi > \nserveur > FIN\nConnexion terminée.\n");
}

TEST(LessonClient, LineModeSendsAndReadsLines) {
  ScriptedServer server;
  Process client = connect_to(server.port(), {"--line"});
  ASSERT_TRUE(server.accept());
  server.send("un\ndeux\r\n");  // two lines in one read: two messages
  client.write_stdin("trois\n");
  EXPECT_EQ(server.recv_once(), "trois\n");
  server.send("FIN\n");
  EXPECT_EQ(client.wait(), 0);
  EXPECT_EQ(client.read_stdout_until("terminée."),
            "serveur > un\nserveur > deux\nmoi > trois\nserveur > FIN\nConnexion terminée.\n");
}

TEST(LessonClient, HostileBytesAreShownWithoutCrash) {
  ScriptedServer server;
  Process client = connect_to(server.port());
  ASSERT_TRUE(server.accept());
  server.send("\xff\xfe" "abc\x1b[31m\xc3");  // not UTF-8, and a terminal escape
  client.read_stdout_until("moi > ");
  client.write_stdin("suite\n");
  EXPECT_EQ(server.recv_once(), "suite");
  server.send(std::string(5000, 'x'));  // more than one recv(1024)
  client.read_stdout_until("affichés]");
  client.write_stdin("FIN\n");
  EXPECT_EQ(server.recv_once(), "FIN");  // the tail was not taken for an answer
  server.send("FIN");
  EXPECT_EQ(client.wait(), 0) << client.stderr_text();
  const std::string out = client.read_stdout_until("terminée.");
  EXPECT_TRUE(out.starts_with("serveur > \uFFFD\uFFFDabc\uFFFD[31m\uFFFD\nmoi > suite\n")) << out;
  EXPECT_NE(out.find("serveur > " + std::string(1024, 'x') + " [… 3976 octets de plus non affichés]\n"),
            std::string::npos);
}

TEST(LessonClient, CtrlCSaysFinAndExits130) {
  ScriptedServer server;
  Process client = connect_to(server.port());
  ASSERT_TRUE(server.accept());
  server.send("Bonjour");
  client.read_stdout_until("moi > ");
  client.signal(SIGINT);
  EXPECT_EQ(client.wait(), 130);
  EXPECT_EQ(server.recv_once(), "FIN");
  EXPECT_EQ(client.stderr_text(), "Interrompu.\n");
}

TEST(LessonClient, BadArgumentsAreUsageErrors) {
  EXPECT_EQ(connect_to("not-a-port").wait(), 2);
  EXPECT_EQ(connect_to("50000", {"--lang", "de"}).wait(), 2);
}

}  // namespace
}  // namespace liaison::testing
