// `liaison serve --web`: the real binary, its JSON API, /metrics (checked by
// Prometheus's promtool) and /play over WebSocket, talked to with Beast
// over loopback, beside TCP players.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <fmt/format.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <fstream>
#include <future>
#include <memory>
#include <thread>
#include <string>
#include <vector>

#include "support/client.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/web_client.hpp"
#include "support/text_scan.hpp"

namespace liaison::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using boost::system::error_code;

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// `serve --port 0 --web 127.0.0.1:0 <args>`: the TCP port and the web port.
class WebServer {
 public:
  explicit WebServer(std::vector<std::string> args) : server_([&] {
      args.insert(args.begin(), {"--web", "127.0.0.1:0", "--teacher-token", "s3cret", "--db", ":memory:"});
      return args;
    }()) {
    web_port_ = read_web_port(server_.process());
  }
  std::uint16_t port() const { return server_.port(); }
  std::uint16_t web_port() const { return web_port_; }
  std::string host() const { return "127.0.0.1:" + std::to_string(web_port_); }
  Process& process() { return server_.process(); }

 private:
  Server server_;
  std::uint16_t web_port_ = 0;
};

// A WebSocket client of /play.
class Player {
 public:
  explicit Player(const WebServer& server, std::string origin = {}, Reading reading = Reading::normal)
      : Player(server.web_port(), std::move(origin), reading) {}
  explicit Player(std::uint16_t web_port, std::string origin = {}, Reading reading = Reading::normal) : ws_(io_) {
    connect(ws_.next_layer(), web_port, reading);
    if (!origin.empty())
      ws_.set_option(websocket::stream_base::decorator(
          [origin](websocket::request_type& outgoing) { outgoing.set(http::field::origin, origin); }));
    ws_.handshake("127.0.0.1:" + std::to_string(web_port), "/play");
  }
  std::string read() {
    beast::flat_buffer buffer;
    ws_.read(buffer);
    return beast::buffers_to_string(buffer.data());
  }
  std::string say(std::string_view text) {
    ws_.write(asio::buffer(text));
    return read();
  }
  void write(std::string_view text) { ws_.write(asio::buffer(text)); }
  // Reads until the server's close frame; its close code.
  websocket::close_code closed_with() {
    beast::flat_buffer buffer;
    error_code error;
    while (!error) ws_.read(buffer, error);
    EXPECT_EQ(error, websocket::error::closed) << error.message();
    return static_cast<websocket::close_code>(ws_.reason().code);
  }
  websocket::stream<tcp::socket>& ws() { return ws_; }

 private:
  asio::io_context io_;
  websocket::stream<tcp::socket> ws_;
};

// The next line that holds `part` (pushed news before it are skipped).
std::string line_with(Client& client, std::string_view part) {
  for (;;) {
    const std::optional<std::string> line = client.read_line();
    if (!line) return "(nothing)";
    if (contains(*line, part)) return *line;
  }
}

// Plays a solo game by bisection over `say`; returns the last reply.
template <typename Say>
std::string bisect(Say say) {
  std::int64_t low = 1, high = 100;
  std::string reply;
  for (int tries = 0; tries < 10; ++tries) {
    const std::int64_t guess = (low + high) / 2;
    reply = say(std::to_string(guess));
    if (contains(reply, "C'est plus")) low = guess + 1;
    else if (contains(reply, "C'est moins")) high = guess - 1;
    else break;
  }
  return reply;
}

TEST(Web, ApiStatsCountsTheTcpPlayersAndIsNeverCached) {
  WebServer server({"--seed", "3"});
  Client client(server.port());
  client.recv_once();
  converse(client, "50");
  converse(client, "25");
  const HttpReply stats = request(server.web_port(), "/api/stats");
  EXPECT_EQ(stats.status, 200U);
  EXPECT_EQ(stats.content_type, "application/json");
  EXPECT_EQ(stats.cache_control, "no-store");
  EXPECT_TRUE(contains(stats.body, R"("service":"juste-prix")")) << stats.body;
  EXPECT_TRUE(contains(stats.body, R"("connections_open":1,)")) << stats.body;
  EXPECT_TRUE(contains(stats.body, R"("messages_total":2,)")) << stats.body;
}

TEST(Web, ErrorsAreJsonWithTheRightStatus) {
  WebServer server({});
  const HttpReply missing = request(server.web_port(), "/nothing/here");
  EXPECT_EQ(missing.status, 404U);
  EXPECT_EQ(missing.content_type, "application/json");
  EXPECT_EQ(missing.body, R"({"error":"no such page: /nothing/here","status":404})");
  const HttpReply posted = request(server.web_port(), "/api/leaderboard", http::verb::post);
  EXPECT_EQ(posted.status, 405U);
  EXPECT_EQ(posted.allow, "GET, HEAD");
  EXPECT_TRUE(contains(posted.body, R"("status":405)")) << posted.body;
  const HttpReply bad_top = request(server.web_port(), "/api/leaderboard?top=0");
  EXPECT_EQ(bad_top.status, 400U);
  {
    asio::io_context io;
    tcp::socket garbage(io);
    garbage.connect(tcp::endpoint(asio::ip::address_v4::loopback(), server.web_port()));
    asio::write(garbage, asio::buffer(std::string_view("GARBAGE\r\n\r\n")));
    std::string answer;
    error_code ended;
    asio::read(garbage, asio::dynamic_buffer(answer), ended);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 400 Bad Request\r\n")) << "not HTTP: " << answer;
  }
  {
    // HEAD: what GET would say, without the body (uptime monitors, curl -I).
    asio::io_context io;
    tcp::socket head(io);
    head.connect(tcp::endpoint(asio::ip::address_v4::loopback(), server.web_port()));
    asio::write(head, asio::buffer(std::string_view("HEAD /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")));
    std::string answer;
    error_code ended;
    asio::read(head, asio::dynamic_buffer(answer), ended);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 200 OK\r\n")) << answer;
    EXPECT_GE(number_after(answer, "\r\nContent-Length: ", "\r\n").value_or(0), 1) << answer;
    EXPECT_TRUE(answer.ends_with("\r\n\r\n")) << "no body: " << answer;
  }
  const HttpReply play_page = request(server.web_port(), "/play");
  EXPECT_EQ(play_page.status, 200U) << "/play without an upgrade is the page that plays";
  EXPECT_EQ(play_page.content_type, "text/html; charset=utf-8");
}

TEST(Web, LeaderboardShowsAGameWonOverTcp) {
  WebServer server({});
  Client client(server.port());
  client.recv_once();
  ASSERT_EQ(converse(client, "/nick zoé"), "Vous êtes maintenant zoé.");
  ASSERT_TRUE(contains(bisect([&](const std::string& guess) { return converse(client, guess); }), "Gagné"));
  const HttpReply board = request(server.web_port(), "/api/leaderboard?top=5");
  EXPECT_EQ(board.status, 200U);
  EXPECT_TRUE(contains(board.body, R"({"players":[{"rank":1,"nickname":"zoé","rounds_won":0,"games_found":1,"games":1,)"))
      << board.body;
  // /scores, read off the game loop, answers on both transports.
  converse(client, "o");
  EXPECT_TRUE(contains(converse(client, "/scores"), "zoé"));
  Player browser(server);
  browser.read();
  browser.write("/scores");
  const std::string table = browser.read();
  EXPECT_TRUE(contains(table, "zoé")) << table;
}

TEST(Web, MetricsAreValidPrometheusText) {
  WebServer server({"--seed", "5"});
  Client client(server.port());
  client.recv_once();
  converse(client, "50");
  const HttpReply metrics = request(server.web_port(), "/metrics");
  EXPECT_EQ(metrics.status, 200U);
  EXPECT_EQ(metrics.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_TRUE(contains(metrics.body, "liaison_messages_total{service=\"juste-prix\"} 1\n")) << metrics.body;
  EXPECT_TRUE(contains(metrics.body, "liaison_reply_seconds_bucket{service=\"juste-prix\",le=\"+Inf\"} 1\n"));
  EXPECT_TRUE(contains(metrics.body, "# TYPE process_resident_memory_bytes gauge\n"));
  TempDir dir;
  const std::string file = (dir / "metrics.txt").string();
  std::ofstream(file) << metrics.body;
  Process promtool("/bin/sh", {"-c", "promtool check metrics < " + file});
  EXPECT_EQ(promtool.wait(10s), 0) << promtool.stderr_text() << promtool.read_stdout_until("\n", 1s);
}

TEST(Web, PlayWinsByBisectionThenFinClosesNormally) {
  WebServer server({"--seed", "7"});
  Player player(server);
  EXPECT_EQ(player.read(), "Bienvenue au juste prix ! Devinez le nombre entier entre 1 et 100.");
  const std::string won = bisect([&](const std::string& guess) { return player.say(guess); });
  EXPECT_TRUE(contains(won, "Gagné")) << won;
  EXPECT_EQ(player.say("FIN"), "FIN");
  EXPECT_EQ(player.closed_with(), websocket::close_code::normal);
}

// --trace shows /play's frames as it shows TCP clients' messages: each
// frame's text and bytes, both ways, then the close.
TEST(Web, TraceShowsPlaysFrames) {
  WebServer server({"--trace", "--seed", "7"});
  Player player(server);
  player.read();
  player.say("50");
  EXPECT_EQ(player.say("FIN"), "FIN");
  player.closed_with();
  EXPECT_TRUE(server.process().wait_for_stderr("octets Bienvenue au juste prix !")) << server.process().stderr_text();
  EXPECT_TRUE(server.process().wait_for_stderr("←    2 octets 50")) << server.process().stderr_text();
  EXPECT_TRUE(server.process().wait_for_stderr("→    3 octets FIN")) << server.process().stderr_text();
  EXPECT_TRUE(server.process().wait_for_stderr(" s × fermée après FIN")) << server.process().stderr_text();
}

TEST(Web, PlayAnswersAFrameOverTheLimitAndGoesOn) {
  WebServer server({"--seed", "7"});
  Player player(server);
  player.read();
  EXPECT_EQ(player.say(std::string(1025, '7')), "Message trop long (plus de 1024 octets) : il a été ignoré.");
  EXPECT_TRUE(contains(player.say("50"), "C'est")) << "the game goes on";
  // A binary frame is read as text too, and judged like a raw TCP message.
  player.ws().binary(true);
  EXPECT_EQ(player.say("\xff\xfe"), "Texte illisible (UTF-8 invalide) : écrivez en UTF-8.");
  // A text frame that is not UTF-8 breaks the WebSocket protocol itself
  // (RFC 6455): the server closes with 1007.
  player.ws().text(true);
  player.write("\xff\xfe");
  EXPECT_EQ(player.closed_with(), websocket::close_code::bad_payload);
}

TEST(Web, PlayAcceptsItsOwnOriginOnly) {
  WebServer server({});
  Player same(server, "http://" + server.host());
  EXPECT_TRUE(contains(same.read(), "Bienvenue"));
  try {
    Player foreign(server, "http://evil.example");
    FAIL() << "a page from another site was let in";
  } catch (const boost::system::system_error& refused) {
    EXPECT_EQ(refused.code(), websocket::error::upgrade_declined) << refused.what();
  }
}

TEST(Web, BrowserAndTcpClientsChatInTheSalon) {
  WebServer server({"--service", "salon"});
  Client line(server.port());
  line.read_line();
  line.read_line();  // greeting: welcome, then who is here
  Player browser(server);
  EXPECT_TRUE(contains(browser.read(), "Bienvenue dans le salon"));
  line.send("bonjour le web\n");
  std::string pushed;
  while (!contains(pushed, "bonjour le web")) pushed = browser.read();  // arrival notices come first
  EXPECT_EQ(pushed, "<invité-1> bonjour le web");
  browser.write("salut nc");
  EXPECT_EQ(line_with(line, "salut nc"), "<invité-2> salut nc\n");
}


TEST(Web, EventsStartWithASnapshotThenFollowPlayersAndTheRound) {
  WebServer server({"--mode", "partie", "--seed", "1"});  // the secret is 75: the guess 50 below cannot end the round
  EventStream events(server.web_port());
  EXPECT_TRUE(contains(events.header(), "Content-Type: text/event-stream")) << events.header();
  EXPECT_TRUE(contains(events.header(), "Cache-Control: no-store")) << events.header();
  const std::string snapshot = events.next_of("snapshot");
  EXPECT_TRUE(contains(snapshot, R"("service":"partie")")) << snapshot;
  EXPECT_TRUE(contains(snapshot, R"("round":null)")) << snapshot;
  EXPECT_TRUE(contains(snapshot, "\"tcp_port\":" + std::to_string(server.port()))) << snapshot;

  Client ana(server.port());
  ana.recv_once();
  converse(ana, "ana");
  EXPECT_TRUE(contains(events.next_of("players"), R"("players":["ana"])"));
  const std::string round = events.next_of("round");
  EXPECT_TRUE(contains(round, R"("number":1,"min":1,"max":100,"open_min":1,"open_max":100,"over":false)")) << round;
  converse(ana, "50");
  const std::string narrowed = events.next_of("round");
  EXPECT_TRUE(contains(narrowed, R"("tries":1)")) << narrowed;
  EXPECT_FALSE(contains(narrowed, "secret")) << "no secret while the round is played";
  EXPECT_TRUE(contains(events.next_of("rate"), R"("guesses_per_s":)"));

  EXPECT_EQ(request(server.web_port(), "/api/players").body, R"({"service":"partie","online":1,"players":["ana"]})");
  EXPECT_TRUE(contains(request(server.web_port(), "/api/round").body, R"("entrants":[{"nickname":"ana","tries":1,)"));
}

TEST(Web, ThePageAndItsQrCode) {
  WebServer server({});
  const HttpReply page = request(server.web_port(), "/");
  EXPECT_EQ(page.status, 200U);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_TRUE(contains(page.body, "new EventSource(\"/events\")"));
  const HttpReply qr = request(server.web_port(), "/qr.svg?text=http%3A%2F%2F127.0.0.1%3A8080%2F");
  EXPECT_EQ(qr.status, 200U);
  EXPECT_EQ(qr.content_type, "image/svg+xml");
  EXPECT_TRUE(qr.body.starts_with("<svg ")) << qr.body.substr(0, 80);
  EXPECT_EQ(request(server.web_port(), "/qr.svg").status, 400U);
}

TEST(Web, TeacherActionsNeedTheTokenPrintedAtStartUp) {
  WebServer server({"--service", "salon"});
  EXPECT_EQ(request(server.web_port(), "/api/teacher/results.csv").status, 401U);
  EXPECT_EQ(request(server.web_port(), "/api/teacher/results.csv", http::verb::get, "guess").status, 403U);
  EXPECT_EQ(request(server.web_port(), "/api/teacher/kick?nickname=x", http::verb::get, "s3cret").status, 405U);
  EXPECT_EQ(request(server.web_port(), "/api/teacher/round", http::verb::post, "s3cret").status, 409U)
      << "no rounds in the salon";
  const Finished random = run_liaison({"serve", "--port", "0", "--web", "0", "--db", ":memory:"}, 3s);  // a server: it runs until the limit (a sanitizer build starts in ~1 s)
  const auto tokens = texts_between(random.out, "Jeton enseignant (à garder pour vous) : ", " ");
  EXPECT_TRUE(!tokens.empty() && tokens.front().size() == 32 && is_lower_hex(tokens.front()))
      << "without --teacher-token, 128 random bits are printed: " << random.out;
}

TEST(Web, TheTeacherKicksAndRenamesInTheSalon) {
  WebServer server({"--service", "salon"});
  Client rude(server.port());
  rude.read_line();
  rude.read_line();
  rude.send("/nick gros-mot\n");
  ASSERT_EQ(rude.read_line(), "Vous êtes maintenant gros-mot.\n");
  Client other(server.port());
  other.read_line();
  other.read_line();
  other.send("/who\n");  // a line client from now on: news are pushed to it
  line_with(other, "Présents");
  const HttpReply renamed =
      request(server.web_port(), "/api/teacher/rename?nickname=gros-mot&to=poli", http::verb::post, "s3cret");
  EXPECT_EQ(renamed.status, 200U) << renamed.body;
  EXPECT_EQ(line_with(rude, "L'enseignant"), "L'enseignant vous a renommé : vous êtes maintenant poli.\n");
  const HttpReply taken =
      request(server.web_port(), "/api/teacher/rename?nickname=poli&to=invit%C3%A9-2", http::verb::post, "s3cret");
  EXPECT_EQ(taken.status, 409U);
  EXPECT_TRUE(contains(taken.body, "est déjà pris")) << taken.body;

  EXPECT_EQ(request(server.web_port(), "/api/teacher/kick?nickname=POLI", http::verb::post, "s3cret").status, 200U);
  EXPECT_EQ(line_with(rude, "L'enseignant"), "L'enseignant vous a fait quitter la salle. Au revoir !\n");
  EXPECT_EQ(rude.read_line(), "FIN\n");
  EXPECT_TRUE(rude.read_until_closed());
  EXPECT_EQ(line_with(other, "retiré"), "* poli a été retiré par l'enseignant\n");
  EXPECT_EQ(request(server.web_port(), "/api/teacher/kick?nickname=poli", http::verb::post, "s3cret").status, 409U)
      << "gone already";
}

TEST(Web, TheTeacherStartsARoundAndExportsTheResults) {
  WebServer server({"--mode", "partie", "--round-grace", "60", "--seed", "4"});
  Client ana(server.port());
  ana.recv_once();
  ASSERT_TRUE(contains(converse(ana, "=ana"), "Bonjour =ana !"));
  converse(ana, "50");
  EXPECT_EQ(request(server.web_port(), "/api/teacher/round", http::verb::post, "s3cret").status, 200U);
  EXPECT_TRUE(contains(request(server.web_port(), "/api/round").body, R"("number":2,)"));
  const std::string news = converse(ana, "/manche");
  EXPECT_TRUE(contains(news, "Fin de la manche 1")) << news;
  EXPECT_TRUE(contains(news, "Manche 2 : 0 sur 1 ont trouvé")) << news;
  const HttpReply csv = request(server.web_port(), "/api/teacher/results.csv", http::verb::get, "s3cret");
  EXPECT_EQ(csv.status, 200U);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_TRUE(csv.body.starts_with("finished_at,mode,nickname,round,min,max,secret,found,tries,duration_ms,rank\r\n"))
      << csv.body;
  const auto rows = complete_lines(csv.body, "\r\n");
  Scan last(rows.size() > 1 && csv.body.ends_with("\r\n") ? rows.back() : "");
  EXPECT_TRUE(last.shape("20##-##-##T") && !last.up_to(',').empty() && last.literal(",round,'=ana,1,1,100,") &&
              last.digits() && last.literal(",0,1,") && last.digits() && last.literal(",0") && last.done())
      << "the round ana left unfound, her nickname never a formula: " << csv.body;
}

// A frozen page and a frozen browser player (tiny receive windows, never
// read) while a busy salon sends them megabytes: the TCP players, a page and
// a browser player that read get every reply and every event, in order; the
// frozen page is let go (a browser would reconnect for a new snapshot), the
// frozen player's news are dropped, and it is told how many when it reads.
TEST(Web, AFrozenPageOrBrowserPlayerNeverDelaysTheOthers) {
  constexpr int members = 40;
  constexpr int renames = 1500;
  WebServer server({"--service", "salon", "--max-per-ip", "100", "--flood-rate", "1000000", "--flood-burst", "1000000"});
  EventStream frozen_page(server.web_port(), Reading::stalled);
  Player frozen_player(server, {}, Reading::stalled);
  std::vector<std::unique_ptr<Client>> crowd;  // their nicknames make each "players" event over 1 KB
  for (int i = 0; i < members; ++i) {
    Client& member = *crowd.emplace_back(std::make_unique<Client>(server.port()));
    const std::string nickname = fmt::format("m{:02}-abcdefghijklmnopqrst", i);  // 24 characters
    member.send("/nick " + nickname + "\n");
    ASSERT_EQ(line_with(member, "Vous êtes maintenant"), "Vous êtes maintenant " + nickname + ".\n");
  }

  // The readers say how far they got; the flood never runs more than a few
  // messages ahead of them (they read as a browser does, not faster).
  const std::string last_nickname = fmt::format("flood-{}", renames - 1);
  std::atomic<int> page_at = -1;
  std::atomic<int> player_at = -1;
  std::promise<std::string> player_saw;  // "" when every chat line came, in order; else what went wrong
  std::jthread page_reader([&] {
    EventStream page(server.web_port());
    page.next_of("snapshot");
    page_at = 0;
    while (page_at < renames - 1) {
      const std::string players = page.next_of("players");
      if (const std::size_t at = players.find("\"flood-"); at != std::string::npos)
        page_at = std::stoi(players.substr(at + 7));
    }
  });
  std::jthread player_reader([&] {
    Player player(server);
    player.read();  // welcome
    player_at = 0;
    for (int next = 0; next < renames;) {
      const std::string frame = player.read();
      if (contains(frame, "perdu")) return player_saw.set_value("dropped: " + frame);
      if (!contains(frame, "xxxx")) continue;  // arrivals and renames
      if (!frame.ends_with("x" + std::to_string(next))) return player_saw.set_value("out of order: " + frame);
      player_at = next++;
    }
    player_saw.set_value("");
  });
  // True when both readers reached `at` within 5 s.
  const auto readers_reach = [&](int at) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (page_at < at || player_at < at) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(100us);
    }
    return true;
  };
  ASSERT_TRUE(readers_reach(0));

  Client flooder(server.port());
  for (int i = 0; i < renames; ++i) {
    ASSERT_TRUE(readers_reach(i - 8)) << "a reader that keeps up was held back at " << i << ": page " << page_at
                                      << ", player " << player_at;
    const std::string nickname = fmt::format("flood-{}", i);
    flooder.send(fmt::format("/nick {}\n{}{}\n", nickname, std::string(900, 'x'), i));
    ASSERT_EQ(line_with(flooder, "Vous êtes maintenant"), "Vous êtes maintenant " + nickname + ".\n") << "reply " << i;
  }
  EXPECT_TRUE(readers_reach(renames - 1));
  EXPECT_EQ(player_saw.get_future().get(), "");

  const std::string stats = request(server.web_port(), "/api/stats").body;
  EXPECT_TRUE(contains(stats, R"("event_streams_dropped_total":1,)")) << stats;
  EXPECT_TRUE(frozen_page.closed_by_server()) << "the frozen page was let go";
  bool told = false;
  for (int frames = 0; frames < 2 * renames && !told; ++frames) told = contains(frozen_player.read(), "perdu");
  EXPECT_TRUE(told) << "the frozen player is told how many news it lost";
  frozen_player.write("/who");
  std::string present;
  for (int frames = 0; frames < 2 * renames && !contains(present, "Présents"); ++frames) present = frozen_player.read();
  EXPECT_TRUE(contains(present, last_nickname)) << "and it plays on: " << present;
}

// --max-per-ip, --max-clients and --deny hold for the web side too (its own
// seats: a page, its event stream, a /play socket each take one).
TEST(Web, WebConnectionsHaveSeatsAndTheAddressFilter) {
  WebServer per_address({"--max-per-ip", "2"});
  auto first = std::make_unique<Player>(per_address);
  Player second(per_address);
  const HttpReply third = request(per_address.web_port(), "/api/stats");
  EXPECT_EQ(third.status, 429U);
  EXPECT_EQ(third.retry_after, "5");
  EXPECT_EQ(third.body, R"j({"error":"too many connections from your address (2)","status":429})j");
  Client tcp_player(per_address.port());
  EXPECT_TRUE(contains(tcp_player.recv_once().value_or(""), "entre 1 et 100")) << "TCP players have seats of their own";
  Client silent(per_address.web_port());  // refused, and says nothing: let go soon, not after 30 s
  EXPECT_TRUE(silent.read_until_closed(nullptr, 5s));
  first.reset();  // a seat frees when its connection ends
  HttpReply stats;
  for (int tries = 0; tries < 50 && stats.status != 200; ++tries) {
    std::this_thread::sleep_for(20ms);
    stats = request(per_address.web_port(), "/api/stats");
  }
  EXPECT_EQ(stats.status, 200U);
  EXPECT_GE(number_after(stats.body, R"("connections_refused_total":)").value_or(0), 1) << stats.body;

  WebServer full({"--max-clients", "1"});
  EventStream page(full.web_port());
  const HttpReply refused = request(full.web_port(), "/");
  EXPECT_EQ(refused.status, 503U);
  EXPECT_TRUE(contains(refused.body, "server full (1 web connections)")) << refused.body;

  WebServer denied({"--deny", "127.0.0.0/8"});
  const HttpReply forbidden = request(denied.web_port(), "/");
  EXPECT_EQ(forbidden.status, 403U);
  EXPECT_EQ(forbidden.retry_after, "");
}

// Out of descriptors, the web side waits for some to free up (logged once,
// no spinning on accept), keeps the connections it has, and accepts again.
TEST(Web, OutOfDescriptorsTheWebSideWaitsAndRecovers) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "the sanitizer runtime needs descriptors of its own under a 32-descriptor limit; "
                  "the release suite runs this test";
#endif
  Process server("/usr/bin/prlimit", {"--nofile=32", "--", liaison_binary(), "serve", "--port", "0", "--web", "0",
                                      "--db", ":memory:", "--seed", "1"});  // secret 75: the guess 50 is "plus"
  const std::string ready = server.read_stdout_until("#token=", 5s);
  const auto port = number_after(ready, "Web sur 127.0.0.1:");
  ASSERT_TRUE(port) << ready;
  const auto web_port = static_cast<std::uint16_t>(*port);
  auto seated = std::make_unique<Player>(web_port);
  seated->read();  // welcome
  std::vector<std::unique_ptr<Client>> crowd;
  for (int i = 0; i < 40; ++i) crowd.push_back(std::make_unique<Client>(web_port));  // the kernel queues them
  ASSERT_TRUE(server.wait_for_stderr("web: accept failed: Too many open files; retrying every 100 ms"));
  EXPECT_TRUE(contains(seated->say("50"), "C'est")) << "a seated player goes on";
  std::this_thread::sleep_for(500ms);
  crowd.clear();
  seated.reset();
  EXPECT_EQ(request(web_port, "/api/stats").status, 200U);
  EXPECT_TRUE(server.wait_for_stderr("web: accepting again"));
  const std::string log = server.stderr_text();
  std::size_t failures = 0;
  for (std::size_t at = log.find("accept failed"); at != std::string::npos; at = log.find("accept failed", at + 1))
    ++failures;
  EXPECT_EQ(failures, 1U) << "logged once, not at every retry: " << log;
}

// The page's arrows ("moved") count from the last leaderboard that differed:
// a game that changes no row (an anonymous one) sends no new leaderboard,
// which would have reset every arrow to 0.
TEST(Web, AGameThatChangesNoRowLeavesTheLeaderboardsMovesAlone) {
  WebServer server({"--seed", "9"});
  EventStream page(server.web_port());
  page.next_of("snapshot");
  Client ada(server.port());
  ada.recv_once();
  ASSERT_EQ(converse(ada, "/nick ada"), "Vous êtes maintenant ada.");
  ASSERT_TRUE(contains(bisect([&](const std::string& guess) { return converse(ada, guess); }), "Gagné"));
  EXPECT_TRUE(contains(page.next_of("leaderboard"), R"("nickname":"ada",)"));
  Client anonymous(server.port());
  anonymous.recv_once();
  ASSERT_TRUE(contains(bisect([&](const std::string& guess) { return converse(anonymous, guess); }), "Gagné"));
  for (int seconds = 0; seconds < 2;) {  // two heartbeats: well past the refresh (200 ms after the game)
    const std::string event = page.next();
    EXPECT_FALSE(event.starts_with("event: leaderboard\n")) << event;
    if (event.starts_with("event: rate\n")) ++seconds;
  }
}

// --threads 2: both loops' players feed the one page (its state is shared
// between threads; also run under ThreadSanitizer by scripts/test).
TEST(Web, SeveralThreadsFeedOnePage) {
  constexpr int players = 16;
  WebServer server({"--threads", "2", "--seed", "11"});
  EventStream page(server.web_port());
  page.next_of("snapshot");
  std::vector<std::jthread> games;
  std::atomic<int> won = 0;
  for (int i = 0; i < players; ++i)
    games.emplace_back([&, i] {
      Client client(server.port());
      client.recv_once();
      if (converse(client, fmt::format("/nick p{}", i)) != fmt::format("Vous êtes maintenant p{}.", i)) return;
      if (contains(bisect([&](const std::string& guess) { return converse(client, guess); }), "Gagné")) ++won;
    });
  games.clear();  // joined
  EXPECT_EQ(won, players);
  const std::string board = request(server.web_port(), "/api/leaderboard?top=100").body;
  for (int i = 0; i < players; ++i)
    EXPECT_TRUE(contains(board, fmt::format(R"("nickname":"p{}",)", i))) << board;
  // The page's top 10 ends as the file's, once every game is committed.
  const auto top_ten = [](const std::string& json) {
    std::vector<std::string> names;
    for (const std::string_view name : texts_between(json, R"("nickname":")", R"(")")) names.emplace_back(name);
    return names;
  };
  const std::vector<std::string> expected = top_ten(request(server.web_port(), "/api/leaderboard?top=10").body);
  ASSERT_EQ(expected.size(), 10U);
  while (top_ten(page.next_of("leaderboard")) != expected) {
  }
  EXPECT_TRUE(contains(page.next_of("rate"), R"("guesses_per_s":)"));
}

TEST(Web, BadWebOptionsAreUsageErrors) {
  const Finished nonsense = run_liaison({"serve", "--port", "0", "--web", "web-please"});
  EXPECT_EQ(nonsense.exit_code, 2) << nonsense.err;
  EXPECT_TRUE(contains(nonsense.err, "--web web-please")) << nonsense.err;
  const Finished console = run_liaison({"serve", "--port", "0", "--service", "chat", "--web", "0"});
  EXPECT_EQ(console.exit_code, 2) << console.err;
}

}  // namespace
}  // namespace liaison::testing
