// One round across servers, as the partie sees it: the round, its secret and
// its clock come from the shared state; a find is claimed, and the rank that
// comes back is the player's. The shared state is driven by hand through the
// core's own interface (core/shared_round.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "core/partie.hpp"
#include "room_fakes.hpp"

namespace liaison::core {
namespace {

using testing::FakeAlarm;
using testing::FakeClock;
using testing::FakePeer;
using testing::FakeStore;
using namespace std::chrono_literals;

struct FakeShared final : SharedRound {
  struct Claim {
    std::int64_t round;
    MemberId member;
    SharedFind find;
  };
  void claim_find(std::int64_t round, MemberId member, const SharedFind& find) override {
    claims.push_back({round, member, find});
  }
  void searching(std::int64_t round, std::size_t players) override { counts.emplace_back(round, players); }
  std::vector<Claim> claims;
  std::vector<std::pair<std::int64_t, std::size_t>> counts;  // every searching() call
};

class SharedPartieTest : public ::testing::Test {
 protected:
  SharedPartieTest() { partie.share(shared); }
  MemberId player(FakePeer& peer, std::string_view nickname) {
    const MemberId id = partie.join(peer);
    partie.greeting(id);
    partie.on_message(id, nickname);
    peer.take();
    return id;
  }
  std::string say(MemberId id, std::string_view text) { return partie.on_message(id, text).text; }
  static SharedRoundState state(std::int64_t round, std::int64_t secret, SharedPhase phase,
                                std::chrono::milliseconds left = 0ms, std::vector<SharedFind> finds = {}) {
    return {.round = round, .secret = secret, .phase = phase, .left = left, .finds = std::move(finds)};
  }

  RoomSettings settings;
  PartieSettings rules{.bounds = {1, 100}, .grace = 10s, .pause = 5s};
  FakeClock clock;
  FakeAlarm alarm;
  FakeStore store;
  FakeShared shared;
  // The local secrets are never used: the shared state's are.
  Partie partie{settings, rules, [](Bounds) -> std::int64_t { return 1; }, clock.now(), &store, alarm};
};

TEST_F(SharedPartieTest, TheSecretIsTheSharedRoundsAndTheRankIsTheOneThatComesBack) {
  FakePeer ana_peer(Framing::line), eve_peer(Framing::line);
  partie.on_shared_round(state(7, 42, SharedPhase::playing));
  const MemberId ana = player(ana_peer, "ana");
  const MemberId eve = player(eve_peer, "eve");
  ana_peer.take();
  EXPECT_EQ(say(ana, "50"), "C'est moins ! (1 essai(s))");
  clock.advance(2s);
  EXPECT_EQ(say(ana, "42"), "Trouvé ! C'était 42, en 2 essai(s) et 2,0 s. Votre rang arrive…");
  ASSERT_EQ(shared.claims.size(), 1U);
  EXPECT_EQ(shared.claims[0].round, 7);
  EXPECT_EQ(shared.claims[0].member, ana);
  EXPECT_EQ(shared.claims[0].find.nickname, "ana");
  EXPECT_EQ(shared.claims[0].find.tries, 2);
  EXPECT_EQ(shared.claims[0].find.time, 2000ms);
  EXPECT_TRUE(eve_peer.take().empty()) << "nobody is told before the rank is known";
  EXPECT_EQ(say(ana, "42"), "Vous avez déjà trouvé : attendez la prochaine manche (1 joueur(s) cherchent encore).");
  // Someone on another server was first: ana is second.
  partie.on_shared_round(state(7, 42, SharedPhase::grace, 10s, {{1, "zoe", 3, 1500ms}}));
  EXPECT_EQ(eve_peer.take(), std::vector<std::string>{"* zoe gagne la manche 7 : trouvé en 3 essai(s) et 1,5 s !"});
  partie.on_rank(7, ana, 2);
  EXPECT_EQ(ana_peer.take(), (std::vector<std::string>{"* zoe gagne la manche 7 : trouvé en 3 essai(s) et 1,5 s !",
                                                       "Trouvé ! C'était 42 : vous êtes 2e, en 2 essai(s) et 2,0 s."}));
  EXPECT_EQ(eve_peer.take(), std::vector<std::string>{"* ana trouve aussi (2e, 2 essai(s), 2,0 s)"});
  EXPECT_FALSE(alarm.wish.has_value()) << "the clock is the shared state's";
  // The pause comes from the shared state: the podium holds both servers'
  // finders; the counts say which are whose (zoe's server's other players
  // are not seen from here).
  partie.on_shared_round(state(7, 42, SharedPhase::pause, 4s, {{1, "zoe", 3, 1500ms}}));
  EXPECT_EQ(eve_peer.take(), std::vector<std::string>{
                                 "Fin de la manche 7 (c'était 42) : 2 ont trouvé sur tous les serveurs, dont 1 sur 2 "
                                 "ici. 1. zoe (3 essai(s), 1,5 s) 2. ana (2 essai(s), 2,0 s) Manche 8 dans 5 s."});
  EXPECT_EQ(say(eve, "3"), "La manche 8 commence dans 4 s : patience !");
  ASSERT_EQ(store.recorded.size(), 1U) << "only this server's players are recorded here";
  EXPECT_EQ(store.recorded[0].nickname, "ana");
  EXPECT_EQ(store.recorded[0].rank, 2);
  EXPECT_EQ(store.recorded[0].round, 7);
  partie.on_shared_round(state(8, 13, SharedPhase::playing));
  EXPECT_EQ(eve_peer.take(), std::vector<std::string>{"Manche 8 : un nouveau nombre entre 1 et 100, à vous !"});
  EXPECT_EQ(say(eve, "13"), "Trouvé ! C'était 13, en 1 essai(s) et 0,0 s. Votre rang arrive…");
}

TEST_F(SharedPartieTest, TheWinnerIsToldAndTheOthersHearIt) {
  FakePeer ana_peer(Framing::line), eve_peer(Framing::raw);
  partie.on_shared_round(state(1, 42, SharedPhase::playing));
  const MemberId ana = player(ana_peer, "ana");
  const MemberId eve = player(eve_peer, "eve");
  ana_peer.take();
  say(ana, "42");
  partie.on_rank(1, ana, 1);
  EXPECT_EQ(ana_peer.take(), std::vector<std::string>{"Gagné ! C'était 42, trouvé le premier en 1 essai(s) et 0,0 s. "
                                                      "Les autres ont encore 10,0 s."});
  // The lesson's turn-based client reads the news with its next reply.
  EXPECT_EQ(say(eve, "/manche"),
            "* ana gagne la manche 1 : trouvé en 1 essai(s) et 0,0 s !\nManche 1 : 1 ont trouvé sur tous les "
            "serveurs, dont 1 sur 2 ici ; vous en êtes à 0 essai(s).");
}

// Through a transport, the finder's reply waits for the rank: its last line
// is replaced by it (net::answer_when_recorded).
TEST_F(SharedPartieTest, TheFindersReplyCanWaitForItsRank) {
  FakePeer ana_peer(Framing::raw), eve_peer(Framing::line);
  partie.on_shared_round(state(1, 42, SharedPhase::playing));
  const MemberId ana = player(ana_peer, "ana");
  const MemberId eve = player(eve_peer, "eve");
  EXPECT_FALSE(partie.reply_held(ana));
  say(ana, "42");
  ASSERT_TRUE(partie.reply_held(ana));
  std::vector<std::string> lines;
  partie.hold_reply(ana, [&lines](std::string line) {
    lines.push_back(std::move(line));
    return true;
  });
  EXPECT_FALSE(partie.reply_held(ana)) << "held once";
  partie.on_rank(1, ana, 1);
  EXPECT_EQ(lines, std::vector<std::string>{"Gagné ! C'était 42, trouvé le premier en 1 essai(s) et 0,0 s. "
                                            "Les autres ont encore 10,0 s."});
  EXPECT_EQ(eve_peer.take(), std::vector<std::string>{"* ana gagne la manche 1 : trouvé en 1 essai(s) et 0,0 s !"});
  // A transport that stopped waiting: the rank comes as news.
  say(eve, "42");
  partie.hold_reply(eve, [](std::string) { return false; });
  partie.on_rank(1, eve, 2);
  EXPECT_EQ(eve_peer.take(), std::vector<std::string>{"Trouvé ! C'était 42 : vous êtes 2e, en 1 essai(s) et 0,0 s."});
  EXPECT_EQ(say(ana, "/manche"), "* eve trouve aussi (2e, 1 essai(s), 0,0 s)\nManche 1 : 2 ont trouvé sur tous les "
                                 "serveurs, dont 2 sur 2 ici ; vous en êtes à 1 essai(s).");
}

// The screen's view of a shared round: every server's finders, other
// servers' marked; the counts are this server's players.
TEST_F(SharedPartieTest, TheScreenSeesEveryFinderAndCountsThisServersPlayers) {
  testing::FakeActivity activity;
  partie.observe(&activity);
  FakePeer ana_peer(Framing::line), eve_peer(Framing::line);
  partie.on_shared_round(state(2, 42, SharedPhase::playing));
  const MemberId ana = player(ana_peer, "ana");
  player(eve_peer, "eve");
  say(ana, "42");
  partie.on_shared_round(state(2, 42, SharedPhase::grace, 10s, {{1, "zoe", 3, 1500ms}}));
  partie.on_rank(2, ana, 2);
  ASSERT_FALSE(activity.rounds.empty());
  const RoundView& playing = activity.rounds.back();
  EXPECT_TRUE(playing.shared);
  EXPECT_FALSE(playing.over);
  EXPECT_EQ(playing.found, 2U);
  EXPECT_EQ(playing.found_here, 1U);
  EXPECT_EQ(playing.players_here, 2U);
  ASSERT_EQ(playing.entrants.size(), 3U);
  const auto zoe = std::find_if(playing.entrants.begin(), playing.entrants.end(),
                                [](const RoundView::Entrant& e) { return e.nickname == "zoe"; });
  ASSERT_NE(zoe, playing.entrants.end());
  EXPECT_TRUE(zoe->elsewhere);
  EXPECT_EQ(zoe->rank, 1);
  EXPECT_EQ(std::count_if(playing.entrants.begin(), playing.entrants.end(),
                          [](const RoundView::Entrant& e) { return e.elsewhere; }),
            1);
  partie.on_shared_round(state(2, 42, SharedPhase::pause, 4s, {{1, "zoe", 3, 1500ms}}));
  const RoundView& over = activity.rounds.back();
  EXPECT_TRUE(over.over);
  EXPECT_TRUE(over.shared);
  ASSERT_EQ(over.podium.size(), 2U);
  EXPECT_EQ(over.podium[0].nickname, "zoe");
}

// The shared state hears how many here still search, each time it changes
// (a round everyone has found ends early across servers: pg_room.cpp).
TEST_F(SharedPartieTest, TheSharedStateHearsHowManyHereStillSearch) {
  using Count = std::pair<std::int64_t, std::size_t>;
  FakePeer ana_peer(Framing::line), eve_peer(Framing::line);
  partie.on_shared_round(state(4, 42, SharedPhase::playing));
  EXPECT_EQ(shared.counts, (std::vector<Count>{{4, 0}})) << "nobody here: a server without players says so too";
  const MemberId ana = player(ana_peer, "ana");
  EXPECT_EQ(shared.counts, (std::vector<Count>{{4, 0}, {4, 1}}));
  player(eve_peer, "eve");
  say(ana, "10");  // a guess changes nothing
  EXPECT_EQ(shared.counts, (std::vector<Count>{{4, 0}, {4, 1}, {4, 2}}));
  say(ana, "42");
  EXPECT_EQ(shared.counts.back(), (Count{4, 1})) << "a find, even before its rank comes";
  partie.on_rank(4, ana, 1);
  EXPECT_EQ(shared.counts.size(), 4U) << "the rank changes nothing here";
  {
    FakePeer bob_peer(Framing::line);
    const MemberId bob = player(bob_peer, "bob");
    EXPECT_EQ(shared.counts.back(), (Count{4, 2}));
    partie.leave(bob);
  }
  EXPECT_EQ(shared.counts.back(), (Count{4, 1}));
  partie.on_shared_round(state(4, 42, SharedPhase::pause, 5s));
  partie.on_shared_round(state(5, 7, SharedPhase::playing));
  EXPECT_EQ(shared.counts.back(), (Count{5, 2})) << "a new round: everyone searches again";
}

TEST_F(SharedPartieTest, AFindAfterTheRoundEndedElsewhereIsTooLate) {
  FakePeer ana_peer(Framing::line);
  partie.on_shared_round(state(3, 42, SharedPhase::playing));
  const MemberId ana = player(ana_peer, "ana");
  say(ana, "42");
  partie.on_rank(3, ana, 0);
  EXPECT_EQ(ana_peer.take(), std::vector<std::string>{"Trop tard : la manche 3 venait de finir dans une autre salle."});
  partie.on_shared_round(state(3, 42, SharedPhase::pause, 5s));
  ASSERT_EQ(store.recorded.size(), 1U);
  EXPECT_FALSE(store.recorded[0].found);
  EXPECT_EQ(store.recorded[0].rank, 0);
}

TEST_F(SharedPartieTest, WithoutAnAnswerTheRankIsUnknownAndTheFindIsStillRecorded) {
  FakePeer ana_peer(Framing::line);
  partie.on_shared_round(state(3, 42, SharedPhase::playing));
  const MemberId ana = player(ana_peer, "ana");
  say(ana, "42");
  partie.on_rank(3, ana, rank_unknown);
  EXPECT_EQ(ana_peer.take(), std::vector<std::string>{"(Rang inconnu : la base de données ne répond pas.)"});
  partie.on_shared_round(state(4, 9, SharedPhase::playing));  // the pause was missed: the round ends all the same
  ASSERT_EQ(store.recorded.size(), 1U);
  EXPECT_TRUE(store.recorded[0].found);
  EXPECT_EQ(store.recorded[0].rank, 0);
  EXPECT_EQ(ana_peer.take().back(), "Manche 4 : un nouveau nombre entre 1 et 100, à vous !");
}

TEST_F(SharedPartieTest, NoRoundBeforeTheSharedStateAndNoTeachersClock) {
  FakePeer ana_peer(Framing::line);
  const MemberId ana = player(ana_peer, "ana");
  EXPECT_EQ(say(ana, "42"), "La manche 1 commence dans 0 s : patience !");
  EXPECT_TRUE(shared.claims.empty());
  EXPECT_EQ(partie.start_round_now(),
            "La manche est commune à plusieurs serveurs : son horloge ne se commande pas d'ici.");
  partie.on_shared_round(state(5, 42, SharedPhase::playing));
  EXPECT_EQ(ana_peer.take(), std::vector<std::string>{"Manche 5 : un nouveau nombre entre 1 et 100, à vous !"});
  EXPECT_EQ(say(ana, "41"), "C'est plus ! (1 essai(s))");
}

}  // namespace
}  // namespace liaison::core
