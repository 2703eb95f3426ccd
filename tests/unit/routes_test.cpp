// The web side's routes, without a socket: a request in, a response out.
#include "web/routes.hpp"

#include <gtest/gtest.h>

#include <boost/url/parse.hpp>

#include <string>

#include "net/server_stats.hpp"

namespace liaison::web {
namespace {

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

class Routes : public ::testing::Test {
 protected:
  Routes() {
    settings_.service = "juste-prix";
    settings_.stats = &stats_;
    settings_.teacher_token = "s3cret";
  }

  Response ask(http::verb method, std::string_view target, std::string_view token = {}) const {
    Request request(method, target, 11);
    if (!token.empty()) request.set(http::field::authorization, std::string("Bearer ") + std::string(token));
    return route(request, settings_);
  }

  net::ServerStats stats_;
  WebSettings settings_;
};

TEST_F(Routes, AnUnknownPathIsA404InJson) {
  const Response response = ask(http::verb::get, "/nope?x=1");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_EQ(response[http::field::content_type], "application/json");
  EXPECT_EQ(response[http::field::cache_control], "no-store");
  EXPECT_TRUE(contains(response.body(), R"("error":"no such page: /nope")")) << response.body();
}

TEST_F(Routes, AMethodAPathDoesNotTakeIs405WithAllow) {
  const Response response = ask(http::verb::post, "/api/stats");
  EXPECT_EQ(response.result(), http::status::method_not_allowed);
  EXPECT_EQ(response[http::field::allow], "GET, HEAD");
  EXPECT_EQ(ask(http::verb::delete_, "/").result(), http::status::method_not_allowed);
}

TEST_F(Routes, HeadAnswersWhatGetWouldWithoutTheBody) {
  const Response get = ask(http::verb::get, "/");
  const Response head = ask(http::verb::head, "/");
  EXPECT_EQ(head.result(), http::status::ok);
  EXPECT_TRUE(head.body().empty());
  EXPECT_FALSE(get.body().empty());
  EXPECT_EQ(head[http::field::content_length], std::to_string(get.body().size()));
  EXPECT_EQ(head[http::field::content_type], get[http::field::content_type]);
}

TEST_F(Routes, ThePagesStatsAndMetrics) {
  EXPECT_TRUE(contains(ask(http::verb::get, "/play").body(), "<html"));
  EXPECT_TRUE(contains(ask(http::verb::get, "/api/stats").body(), R"("service":"juste-prix")"));
  EXPECT_TRUE(contains(ask(http::verb::get, "/metrics").body(), "liaison_connections_total"));
}

TEST_F(Routes, TheLiveRoutesNeedALiveState) {
  for (const char* target : {"/api/players", "/api/round", "/events"}) {
    const Response response = ask(http::verb::get, target);
    EXPECT_EQ(response.result(), http::status::not_found) << target;
    EXPECT_TRUE(contains(response.body(), "no live state")) << target;
  }
}

TEST_F(Routes, TheLeaderboardChecksTop) {
  EXPECT_EQ(ask(http::verb::get, "/api/leaderboard").result(), http::status::ok);
  EXPECT_EQ(ask(http::verb::get, "/api/leaderboard?top=1000").result(), http::status::ok);
  for (const char* bad : {"0", "1001", "abc", "5x", "-1", "%35%20"}) {
    const Response response = ask(http::verb::get, std::string("/api/leaderboard?top=") + bad);
    EXPECT_EQ(response.result(), http::status::bad_request) << bad;
    EXPECT_TRUE(contains(response.body(), "from 1 to 1000")) << bad;
  }
  EXPECT_EQ(ask(http::verb::get, "/api/leaderboard?top=%35").result(), http::status::ok);  // "5", escaped
}

TEST_F(Routes, TheQrCodeTakesItsDecodedText) {
  const Response response = ask(http::verb::get, "/qr.svg?text=http%3A%2F%2F127.0.0.1%3A8080%2F");
  EXPECT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "image/svg+xml");
  EXPECT_EQ(ask(http::verb::get, "/qr.svg").result(), http::status::bad_request);
  EXPECT_EQ(ask(http::verb::get, "/qr.svg?text=").result(), http::status::bad_request);
  EXPECT_EQ(ask(http::verb::get, "/qr.svg?text=" + std::string(513, 'a')).result(), http::status::bad_request);
  EXPECT_EQ(ask(http::verb::get, "/qr.svg?text=" + std::string(512, 'a')).result(), http::status::ok);
}

TEST_F(Routes, ATargetThatIsNotAPathAndQueryIsA400) {
  EXPECT_EQ(ask(http::verb::get, "/qr.svg?text=%zz").result(), http::status::bad_request);
  EXPECT_EQ(ask(http::verb::get, "*").result(), http::status::bad_request);
}

TEST(RouteQuery, ValuesAreDecodedAndAbsentOnesEmpty) {
  const auto url = boost::urls::parse_origin_form("/x?nickname=a%20b&to=c+d&flag&empty=&nickname=second");
  ASSERT_TRUE(url);
  WebSettings settings;
  const RouteArgs args{.settings = settings, .query = url->params()};
  EXPECT_EQ(query_value(args, "nickname"), "a b");  // the first one
  EXPECT_EQ(query_value(args, "to"), "c d");
  EXPECT_EQ(query_value(args, "flag"), "");
  EXPECT_EQ(query_value(args, "empty"), "");
  EXPECT_EQ(query_value(args, "missing"), "");
  EXPECT_EQ(query_value(args, "nick"), "");  // a whole name, not a prefix
}

TEST_F(Routes, TheTeachersActionsNeedTheBearerToken) {
  const Response none = ask(http::verb::post, "/api/teacher/round");
  EXPECT_EQ(none.result(), http::status::unauthorized);
  EXPECT_EQ(none[http::field::www_authenticate], R"(Bearer realm="liaison")");
  EXPECT_EQ(ask(http::verb::post, "/api/teacher/round", "wrong").result(), http::status::forbidden);
  EXPECT_EQ(ask(http::verb::post, "/api/teacher/round", "s3cre").result(), http::status::forbidden);
  EXPECT_EQ(ask(http::verb::post, "/api/teacher/round", "s3cret!").result(), http::status::forbidden);
  EXPECT_EQ(ask(http::verb::post, "/api/teacher/round", "s3cret").result(), http::status::conflict);  // no partie
}

TEST_F(Routes, AServerWithoutATokenOpensNoTeachersAction) {
  settings_.teacher_token.clear();
  EXPECT_EQ(ask(http::verb::post, "/api/teacher/round", "x").result(), http::status::forbidden);
}

TEST_F(Routes, TheTeachersActionsTakeOneMethodEach) {
  const Response get = ask(http::verb::get, "/api/teacher/kick?nickname=a", "s3cret");
  EXPECT_EQ(get.result(), http::status::method_not_allowed);
  EXPECT_EQ(get[http::field::allow], "POST");
  EXPECT_TRUE(contains(get.body(), "use POST"));
  const Response post = ask(http::verb::post, "/api/teacher/results.csv", "s3cret");
  EXPECT_EQ(post[http::field::allow], "GET");
  EXPECT_EQ(ask(http::verb::head, "/api/teacher/results.csv", "s3cret").result(), http::status::method_not_allowed);
}

TEST_F(Routes, AnUnknownTeachersActionIsA404EvenWithoutTheToken) {
  EXPECT_EQ(ask(http::verb::post, "/api/teacher/nope").result(), http::status::not_found);
}

TEST_F(Routes, KickAndRenameNeedARoom) {
  const Response kick = ask(http::verb::post, "/api/teacher/kick?nickname=ana", "s3cret");
  EXPECT_EQ(kick.result(), http::status::conflict);
  EXPECT_TRUE(contains(kick.body(), "salon"));
  EXPECT_EQ(ask(http::verb::post, "/api/teacher/rename?nickname=ana&to=bob", "s3cret").result(), http::status::conflict);
}

TEST_F(Routes, TheResultsAreCsvWithTheirHeaderRow) {
  const Response csv = ask(http::verb::get, "/api/teacher/results.csv", "s3cret");
  EXPECT_EQ(csv.result(), http::status::ok);
  EXPECT_EQ(csv[http::field::content_type], "text/csv; charset=utf-8");
  EXPECT_TRUE(csv.body().starts_with("finished_at,mode,nickname,"));
  EXPECT_TRUE(contains(csv[http::field::content_disposition], "liaison-results.csv"));
}

}  // namespace
}  // namespace liaison::web
