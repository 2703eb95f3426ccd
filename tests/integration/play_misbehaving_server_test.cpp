// `liaison play --auto` against scripted servers that break the protocol:
// it must stop with exit 1 and say why, never hang.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/process.hpp"

namespace liaison::testing {
namespace {

// What the scripted server does with each line it receives: the line to send
// back, "" to stay silent, or nullopt to close the connection.
using Script = std::function<std::optional<std::string>(const std::string& received)>;

// A one-connection server on 127.0.0.1 that greets, then follows a script.
// The greeting may hold several lines: they go in one send.
class ScriptedServer {
 public:
  ScriptedServer(std::string greeting, Script script) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), size) != 0 || ::listen(listener_, 1) != 0)
      throw std::runtime_error("scripted server: bind/listen failed");
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this, greeting = std::move(greeting), script = std::move(script)] { serve(greeting, script); });
  }
  ~ScriptedServer() {
    if (thread_.joinable()) thread_.join();
    ::close(listener_);
  }

  std::uint16_t port() const { return port_; }
  // Every line the client sent; waits for the conversation to end.
  const std::vector<std::string>& received() {
    if (thread_.joinable()) thread_.join();
    return received_;
  }

 private:
  static bool readable(int fd) {
    pollfd p{.fd = fd, .events = POLLIN, .revents = 0};
    return ::poll(&p, 1, 10'000) > 0;
  }

  static void send_line(int fd, const std::string& line) {  // "\n" added
    const std::string bytes = line + "\n";
    ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  }

  void serve(const std::string& greeting, const Script& script) {
    if (!readable(listener_)) return;
    const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    send_line(client, greeting);
    converse(client, script);
    ::close(client);
  }

  void converse(int client, const Script& script) {
    std::string pending;
    char buffer[1024];
    while (readable(client)) {
      const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      pending.append(buffer, static_cast<std::size_t>(n));
      for (auto end = pending.find('\n'); end != std::string::npos; end = pending.find('\n')) {
        received_.push_back(pending.substr(0, end));
        pending.erase(0, end + 1);
        const auto reply = script(received_.back());
        if (!reply) return;
        if (!reply->empty()) send_line(client, *reply);
      }
    }
  }

  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::vector<std::string> received_;
};

const std::string greeting = "Bienvenue au juste prix ! Devinez le nombre entier entre 1 et 100.";

// Plays fair with secret 42; `after_no` is what it does when told "n".
Script fair_game(std::optional<std::string> after_no) {
  return [after_no](const std::string& line) -> std::optional<std::string> {
    if (line == "n") return after_no;
    const long guess = std::stol(line);
    if (guess < 42) return "C'est plus !";
    if (guess > 42) return "C'est moins !";
    return "Gagné ! C'était 42, trouvé en 3 essai(s). Rejouer ? (o/n)";
  };
}

struct Finished {
  int exit_code = -1;
  std::string out;
  std::string err;
};

Finished auto_play(const ScriptedServer& server, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"play", "--auto", "127.0.0.1", std::to_string(server.port()), "--timeout", "1"};
  args.insert(args.end(), extra.begin(), extra.end());
  Process player(liaison_binary(), args);
  player.close_stdin();
  const int code = player.wait(20s);
  return {.exit_code = code, .out = player.read_stdout_until("\x01", 2s), .err = player.stderr_text()};
}

TEST(PlayAgainstScript, AFairServerIsBeaten) {
  const ScriptedServer server(greeting, fair_game("FIN"));
  const Finished result = auto_play(server);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

TEST(PlayAgainstScript, NoFinAfterNo) {
  const ScriptedServer server(greeting, fair_game("Au revoir"));
  const Finished result = auto_play(server);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("Réponse inattendue du serveur : Au revoir"), std::string::npos) << result.err;
}

TEST(PlayAgainstScript, SilenceAfterNo) {
  const ScriptedServer server(greeting, fair_game(""));
  const auto started = std::chrono::steady_clock::now();
  const Finished result = auto_play(server);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 8s);
  EXPECT_NE(result.err.find("Le serveur n'a pas répondu en 1 s."), std::string::npos) << result.err;
}

TEST(PlayAgainstScript, ClosedWithoutFin) {
  const ScriptedServer server(greeting, fair_game(std::nullopt));
  const Finished result = auto_play(server, {"--lang", "en"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("The server closed the connection without FIN."), std::string::npos) << result.err;
}

TEST(PlayAgainstScript, ClosedMidGame) {
  const ScriptedServer server(greeting, [](const std::string&) { return std::nullopt; });
  const Finished result = auto_play(server);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("Le serveur a fermé la connexion sans FIN."), std::string::npos) << result.err;
}

TEST(PlayAgainstScript, AnUnexpectedAnswer) {
  const ScriptedServer server(greeting, [](const std::string&) { return "Bonjour"; });
  const Finished result = auto_play(server);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("Réponse inattendue du serveur : Bonjour"), std::string::npos) << result.err;
}

TEST(PlayAgainstScript, ALiarIsCaught) {
  ScriptedServer server(greeting, [](const std::string&) { return "C'est plus !"; });
  const Finished result = auto_play(server);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("se contredisent"), std::string::npos) << result.err;
  EXPECT_LE(server.received().size(), 7u);
}

TEST(PlayAgainstScript, AGreetingWithoutBounds) {
  const ScriptedServer server("Bonjour !", fair_game("FIN"));
  const Finished result = auto_play(server);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("ne donne pas les bornes"), std::string::npos) << result.err;
}

TEST(PlayAgainstScript, NoReplayGreeting) {
  const ScriptedServer server(greeting, [](const std::string& line) -> std::optional<std::string> {
    if (line == "o") return "Répondez o pour rejouer ou n pour arrêter.";
    return fair_game("FIN")(line);
  });
  const Finished result = auto_play(server, {"--games", "2"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("Réponse inattendue du serveur : Répondez o"), std::string::npos) << result.err;
}

TEST(PlayAgainstScript, ControlCharactersNeverReachTheTerminal) {
  const ScriptedServer server("\x1b[2J" + greeting + "\x07\xff", fair_game("FIN"));
  const Finished result = auto_play(server);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(result.out.find('\x07'), std::string::npos);
  EXPECT_NE(result.out.find("\xEF\xBF\xBD[2J" + greeting + "\xEF\xBF\xBD\xEF\xBF\xBD\n"), std::string::npos) << result.out;
}

TEST(PlayAgainstScript, TheClientSpeaksInLines) {
  ScriptedServer server(greeting, fair_game("FIN"));
  EXPECT_EQ(auto_play(server).exit_code, 0);
  EXPECT_EQ(server.received(), (std::vector<std::string>{"50", "25", "37", "43", "40", "41", "42", "n"}));
}

// A person plays: `typed` goes to stdin, which then closes.
Finished play_typing(const ScriptedServer& server, const std::string& typed) {
  Process player(liaison_binary(), {"play", "127.0.0.1", std::to_string(server.port()), "--timeout", "1"});
  player.write_stdin(typed);
  player.close_stdin();
  const int code = player.wait(20s);
  return {.exit_code = code, .out = player.read_stdout_until("\x01", 2s), .err = player.stderr_text()};
}

TEST(PlayInteractiveAgainstScript, ClosedMidGame) {
  const ScriptedServer server(greeting, [](const std::string&) { return std::nullopt; });
  const Finished result = play_typing(server, "50\n");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("Le serveur a fermé la connexion sans FIN."), std::string::npos) << result.err;
}

TEST(PlayInteractiveAgainstScript, ANoticeAndFinWhileThePersonTypes) {
  // The server ends the game on its own (say, idle too long) before the guess.
  ScriptedServer server(greeting + "\nPartie abandonnée : trop long.\nFIN",
                        [](const std::string&) { return std::nullopt; });
  const Finished result = play_typing(server, "50\n");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Partie abandonnée : trop long.\nFIN\nConnexion terminée.\n"), std::string::npos)
      << result.out;
  EXPECT_TRUE(server.received().empty());  // the guess was never sent
}

TEST(PlayInteractiveAgainstScript, SilentServer) {
  const ScriptedServer server(greeting, [](const std::string&) { return ""; });
  const Finished result = play_typing(server, "50\n");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("Le serveur n'a pas répondu en 1 s."), std::string::npos) << result.err;
}

}  // namespace
}  // namespace liaison::testing
