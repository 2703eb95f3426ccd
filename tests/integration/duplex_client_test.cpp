// `liaison connect --duplex` driven by pipes (as scripts and CI use it)
// against a scripted line server: lines the server pushes at any time are
// printed as they come, typed lines are sent, and every ending gives the
// lesson's client's exit codes. The terminal side is tests/compat/duplex_terminal.py.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <string>

#include "support/process.hpp"
#include "support/scripted_server.hpp"

namespace liaison::testing {
namespace {

Process duplex_to(const std::string& port, std::vector<std::string> more = {}) {
  std::vector<std::string> args{"connect", "--duplex", "127.0.0.1", port};
  args.insert(args.end(), more.begin(), more.end());
  return Process(liaison_binary(), args);
}

// A connected client that has shown the server's greeting.
struct Conversation {
  explicit Conversation(std::vector<std::string> more = {}, const std::string& label = "serveur > ")
      : client(duplex_to(server.port(), std::move(more))) {
    accepted = server.accept();
    server.send("Bienvenue\n");
    greeted = client.read_stdout_until(label + "Bienvenue\n").ends_with(label + "Bienvenue\n");
  }
  ScriptedServer server;
  Process client;
  bool accepted = false;
  bool greeted = false;
};

TEST(DuplexClient, ShowsPushedLinesWhileIdleThenSendsWhatIsTyped) {
  Conversation talk;
  ASSERT_TRUE(talk.accepted && talk.greeted) << talk.client.stdout_text();
  talk.server.send("Alice : salut\nBob : ça va ?\n");  // pushed, nothing typed yet
  talk.server.send("Alice est partie\n");
  const std::string pushed = talk.client.read_stdout_until("Alice est partie\n");
  EXPECT_EQ(pushed,
            "serveur > Bienvenue\nserveur > Alice : salut\nserveur > Bob : ça va ?\nserveur > Alice est partie\n");
  talk.client.write_stdin("bonjour\n");
  EXPECT_EQ(talk.server.recv_line(), "bonjour\n");
  talk.client.write_stdin("\nencore un\n");  // the empty line is not sent
  EXPECT_EQ(talk.server.recv_line(), "encore un\n");
  talk.server.send("FIN\n");
  EXPECT_EQ(talk.client.wait(), 0) << talk.client.stderr_text();
  EXPECT_EQ(talk.client.read_stdout_until("terminée.\n"),
            pushed + "moi > bonjour\nmoi > encore un\nserveur > FIN\nConnexion terminée.\n");
  EXPECT_EQ(talk.client.stderr_text(), "");
}

TEST(DuplexClient, ServerLeavingWithoutFinIsAnError) {
  Conversation talk;
  ASSERT_TRUE(talk.accepted && talk.greeted);
  talk.server.send("dernier mot, sans fin de ligne");
  talk.server.close_connection();
  EXPECT_EQ(talk.client.wait(), 1);
  EXPECT_EQ(talk.client.stderr_text(), "Le serveur a fermé la connexion sans FIN.\n");
  EXPECT_EQ(talk.client.read_stdout_until("ligne\n"),
            "serveur > Bienvenue\nserveur > dernier mot, sans fin de ligne\n");
}

TEST(DuplexClient, NoServerIsTheLessonsFailure) {
  Process client = duplex_to(closed_port());
  EXPECT_EQ(client.wait(), 1);
  EXPECT_EQ(client.read_stdout_until("\n"), "La connexion a échoué.\n");
  EXPECT_NE(client.stderr_text().find("127.0.0.1:"), std::string::npos);
}

TEST(DuplexClient, EndOfInputSaysFinAndShowsWhatComesUntilTheServersFin) {
  Conversation talk;
  ASSERT_TRUE(talk.accepted && talk.greeted);
  talk.client.close_stdin();
  EXPECT_EQ(talk.server.recv_line(), "FIN\n");
  EXPECT_EQ(talk.client.wait(300ms), -1);  // waiting for the server's FIN
  talk.server.send("Au revoir\nFIN\n");
  EXPECT_EQ(talk.client.wait(), 0);
  EXPECT_EQ(talk.client.read_stdout_until("terminée.\n"),
            "serveur > Bienvenue\nmoi > FIN\nserveur > Au revoir\nserveur > FIN\nConnexion terminée.\n");
}

TEST(DuplexClient, TypedFinEndsAndAnUnansweredFinIsBounded) {
  Conversation talk;
  ASSERT_TRUE(talk.accepted && talk.greeted);
  const auto start = std::chrono::steady_clock::now();
  talk.client.write_stdin(" fin \n");
  EXPECT_EQ(talk.server.recv_line(), "FIN\n");  // said as FIN, the only ending the lesson knows
  EXPECT_EQ(talk.client.wait(6s), 0);           // the server never answers
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 1500ms);
  EXPECT_LT(waited, 5s);
  EXPECT_NE(talk.client.stderr_text().find("Le serveur n'a pas répondu FIN en 2 s"), std::string::npos)
      << talk.client.stderr_text();
  EXPECT_TRUE(talk.client.read_stdout_until("terminée.\n").ends_with("moi >  fin \nConnexion terminée.\n"));
}

TEST(DuplexClient, LongLinesAreCutAndHostileBytesShown) {
  Conversation talk;
  ASSERT_TRUE(talk.accepted && talk.greeted);
  talk.client.write_stdin(std::string(1500, 'a') + "\n");
  EXPECT_EQ(talk.server.recv_line(), std::string(1024, 'a') + "\n");
  EXPECT_TRUE(talk.client.wait_for_stderr("Ligne trop longue : seuls ses 1024 premiers octets sont envoyés."));
  talk.server.send("\xff\xfe" "abc\x1b[31m\r\n");  // not UTF-8, and a terminal escape
  EXPECT_TRUE(talk.client.read_stdout_until("[31m\n").ends_with("serveur > \uFFFD\uFFFDabc\uFFFD[31m\n"));
  talk.server.send("FIN\n");
  EXPECT_EQ(talk.client.wait(), 0);
}

TEST(DuplexClient, CtrlCSaysFinAndExits130) {
  Conversation talk;
  ASSERT_TRUE(talk.accepted && talk.greeted);
  talk.client.signal(SIGINT);
  EXPECT_EQ(talk.client.wait(), 130);
  EXPECT_EQ(talk.server.recv_line(), "FIN\n");
  EXPECT_EQ(talk.client.stderr_text(), "Interrompu.\n");
}

TEST(DuplexClient, EnglishTexts) {
  Conversation talk({"--lang", "en"}, "server > ");
  ASSERT_TRUE(talk.accepted && talk.greeted);
  talk.server.send("hello\n");
  talk.client.read_stdout_until("hello\n");
  talk.client.write_stdin("hi\n");
  EXPECT_EQ(talk.server.recv_line(), "hi\n");
  talk.server.send("FIN\n");
  EXPECT_EQ(talk.client.wait(), 0);
  EXPECT_EQ(talk.client.read_stdout_until("ended.\n"),
            "server > Bienvenue\nserver > hello\nme > hi\nserver > FIN\nConnection ended.\n");
}

}  // namespace
}  // namespace liaison::testing
