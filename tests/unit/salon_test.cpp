// The salon: membership, relay, news for turn-based and pushed clients,
// nicknames, history, flood control -- all through the room's own interface.
#include "core/salon.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/room_session.hpp"
#include "core/room_texts.hpp"
#include "room_fakes.hpp"

namespace liaison::core {
namespace {

using testing::FakeClock;
using testing::FakePeer;
using testing::FakeStore;
using namespace std::chrono_literals;

class SalonTest : public ::testing::Test {
 protected:
  // Joins a member and greets it.
  MemberId join(FakePeer& peer) {
    const MemberId id = salon.join(peer);
    salon.greeting(id);
    return id;
  }

  RoomSettings settings;
  FakeClock clock;
  FakeStore store;
  Salon salon{settings, clock.now(), &store};
};

TEST_F(SalonTest, NamesNewcomersAndTellsOthersTheyArrive) {
  FakePeer alice(Framing::line);
  const MemberId a = salon.join(alice);
  EXPECT_EQ(salon.greeting(a),
            "Bienvenue dans le salon ! Vous êtes invité-1 (/nick NOM pour changer, /aide pour l'aide).\n"
            "Présents (1) : invité-1");
  FakePeer bob(Framing::line);
  join(bob);
  EXPECT_EQ(alice.take(), std::vector<std::string>{"* invité-2 arrive"});
  EXPECT_TRUE(bob.take().empty());
  EXPECT_EQ(salon.nicknames(), (std::vector<std::string>{"invité-1", "invité-2"}));
}

TEST_F(SalonTest, PushesChatToLineClientsWithoutAcknowledgingTheSender) {
  FakePeer alice(Framing::line), bob(Framing::line);
  const MemberId a = join(alice);
  join(bob);
  alice.take();
  const Reply reply = salon.on_message(a, "  salut tout le monde ");
  EXPECT_EQ(reply.text, "");
  EXPECT_FALSE(reply.last);
  EXPECT_EQ(bob.take(), std::vector<std::string>{"<invité-1> salut tout le monde"});
  EXPECT_TRUE(alice.take().empty());
}

TEST_F(SalonTest, TurnBasedClientsGetTheNewsWithTheirNextReply) {
  FakePeer lesson(Framing::raw), netcat(Framing::line);
  const MemberId raw = join(lesson);
  const MemberId line = join(netcat);
  salon.on_message(line, "hello");
  salon.on_message(line, "/me waves");
  EXPECT_TRUE(lesson.take().empty());  // never pushed: the lesson's client reads only after it sends
  const Reply reply = salon.on_message(raw, "bonjour");
  EXPECT_EQ(reply.text, "* invité-2 arrive\n<invité-2> hello\n* invité-2 waves\n(envoyé, 1 lecteur(s))");
  EXPECT_EQ(salon.on_message(raw, "encore").text, "(envoyé, 1 lecteur(s))");
  EXPECT_EQ(netcat.take(), (std::vector<std::string>{"<invité-1> bonjour", "<invité-1> encore"}));
}

TEST_F(SalonTest, ATurnReplyNeverExceedsWhatOneRecvReads) {
  FakePeer lesson(Framing::raw), netcat(Framing::line);
  const MemberId raw = join(lesson);
  const MemberId line = join(netcat);
  const std::string long_line(300, 'x');
  for (int i = 0; i < 30; ++i) {
    salon.on_message(line, long_line + std::to_string(i));
    clock.advance(1s);
  }
  const std::string reply = salon.on_message(raw, "quoi de neuf ?").text;
  EXPECT_LE(reply.size(), max_message_bytes);
  EXPECT_TRUE(reply.starts_with("(… ")) << reply;
  EXPECT_NE(reply.find(long_line + "29\n"), std::string::npos);  // the newest news are kept
  EXPECT_TRUE(reply.ends_with("(envoyé, 1 lecteur(s))"));
}

TEST_F(SalonTest, NewsKeptBeforeAClientSpokeArePushedOnceItReadsLines) {
  FakePeer newcomer(Framing::unknown), other(Framing::line);
  const MemberId fresh = join(newcomer);
  const MemberId talker = join(other);
  salon.on_message(talker, "first");
  EXPECT_TRUE(newcomer.take().empty());
  newcomer.speaks(Framing::line);
  EXPECT_EQ(salon.on_message(fresh, "/who").text, "Présents (2) : invité-1, invité-2");
  EXPECT_EQ(newcomer.take(), (std::vector<std::string>{"* invité-2 arrive", "<invité-2> first"}));
}

TEST_F(SalonTest, PushCanBeTurnedOnAndOff) {
  FakePeer lesson(Framing::raw), netcat(Framing::line);
  const MemberId raw = join(lesson);
  const MemberId line = join(netcat);
  EXPECT_EQ(salon.on_message(raw, "/push on").text, room_texts(Lang::fr).push_on);
  salon.on_message(line, "live");
  // What was kept for it goes first.
  EXPECT_EQ(lesson.take(), (std::vector<std::string>{"* invité-2 arrive", "<invité-2> live"}));
  EXPECT_EQ(salon.on_message(line, "/push off").text, room_texts(Lang::fr).push_off);
  salon.on_message(raw, "kept");
  EXPECT_TRUE(netcat.take().empty());
  EXPECT_EQ(salon.on_message(line, "/push maybe").text, "<invité-1> kept\nUsage : /push on ou /push off");
}

TEST_F(SalonTest, NicknamesAreValidAndUnique) {
  FakePeer alice(Framing::line), bob(Framing::line);
  const MemberId a = join(alice);
  const MemberId b = join(bob);
  EXPECT_EQ(salon.on_message(a, "/nick Alice").text, "Vous êtes maintenant Alice.");
  EXPECT_EQ(bob.take().back(), "* invité-1 s'appelle maintenant Alice");
  EXPECT_EQ(salon.on_message(b, "/nick ALICE").text, "Le pseudo ALICE est déjà pris : choisissez-en un autre.");
  const std::string invalid = salon.on_message(b, "/nick a b").text;
  EXPECT_TRUE(invalid.starts_with("Pseudo invalide")) << invalid;
  for (const char* bad : {"/nick", "/nick /x", "/nick tab\tbed", "/nick esc\x1b[2J", "/nick nbsp\xC2\xA0x",
                          "/nick 1234567890123456789012345"})
    EXPECT_TRUE(salon.on_message(b, bad).text.starts_with("Pseudo invalide")) << bad;
  EXPECT_EQ(salon.on_message(b, "/nick \xC3\x28").text, texts(Lang::fr).invalid_utf8);
  EXPECT_EQ(salon.on_message(b, "/nick Zoé_é_é_é_é_é_é_é_é_é_é").text, "Vous êtes maintenant Zoé_é_é_é_é_é_é_é_é_é_é.");
  EXPECT_EQ(salon.on_message(a, "/nick alice").text, "Vous êtes maintenant alice.");  // one's own name, other case
}

TEST_F(SalonTest, ControlCharactersNeverReachOthers) {
  FakePeer alice(Framing::line), bob(Framing::line);
  const MemberId a = join(alice);
  join(bob);
  bob.take();
  salon.on_message(a, "clear\x1b[2J\rbell\x07");
  EXPECT_EQ(bob.take(), std::vector<std::string>{"<invité-1> clear\xEF\xBF\xBD[2J\xEF\xBF\xBD" "bell\xEF\xBF\xBD"});
  EXPECT_EQ(salon.on_message(a, "\xC3\x28").text, texts(Lang::fr).invalid_utf8);
}

TEST_F(SalonTest, NewcomersSeeTheLastTwentyMessagesWithinOneRecv) {
  FakePeer talker(Framing::line);
  const MemberId t = join(talker);
  for (int i = 1; i <= 25; ++i) {
    salon.on_message(t, "message " + std::to_string(i));
    clock.advance(1s);
  }
  FakePeer late(Framing::raw);
  const std::string greeting = salon.greeting(salon.join(late));
  EXPECT_NE(greeting.find("-- derniers messages --\n<invité-1> message 6\n"), std::string::npos) << greeting;
  EXPECT_TRUE(greeting.ends_with("<invité-1> message 25"));
  EXPECT_EQ(greeting.find("message 5\n"), std::string::npos);

  const std::string long_line(900, 'y');
  for (int i = 0; i < 20; ++i) {
    salon.on_message(t, long_line);
    clock.advance(1s);
  }
  FakePeer later(Framing::raw);
  EXPECT_LE(salon.greeting(salon.join(later)).size(), max_message_bytes);
}

TEST_F(SalonTest, AFlooderIsWarnedThenMutedThenFreed) {
  FakePeer flooder(Framing::raw), reader(Framing::line);
  const MemberId f = join(flooder);
  join(reader);
  reader.take();
  for (int i = 0; i < 8; ++i) EXPECT_TRUE(salon.on_message(f, "spam").text.ends_with("(envoyé, 1 lecteur(s))"));
  EXPECT_TRUE(salon.on_message(f, "spam").text.starts_with("Doucement !"));
  EXPECT_EQ(salon.on_message(f, "spam").text, "Vous êtes muet encore 30 s : votre message n'est pas envoyé.");
  clock.advance(10s);
  EXPECT_EQ(salon.on_message(f, "spam").text, "Vous êtes muet encore 20 s : votre message n'est pas envoyé.");
  EXPECT_EQ(salon.on_message(f, "/who").text, "Présents (2) : invité-1, invité-2");  // commands still work
  EXPECT_EQ(reader.take().size(), 8U);
  clock.advance(20s);
  EXPECT_TRUE(salon.on_message(f, "calm again").text.starts_with("(envoyé"));
}

TEST_F(SalonTest, ASteadyTalkerWithinTheRateIsNeverWarned) {
  FakePeer talker(Framing::line);
  const MemberId t = join(talker);
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(salon.on_message(t, "tick").text, "");
    clock.advance(600ms);  // under 2 per second
  }
}

TEST_F(SalonTest, QuitAndFinEndTheConversationAndTellTheOthers) {
  FakePeer alice(Framing::line), bob(Framing::raw), carol(Framing::line);
  const MemberId a = join(alice);
  const MemberId b = join(bob);
  join(carol);
  carol.take();
  const Reply quit = salon.on_message(a, "/quit");
  EXPECT_EQ(quit.text, "FIN");
  EXPECT_TRUE(quit.last);
  const Reply fin = salon.on_message(b, " fin ");
  EXPECT_EQ(fin.text, "FIN");
  EXPECT_TRUE(fin.last);
  EXPECT_EQ(carol.take(), (std::vector<std::string>{"* invité-1 s'en va", "* invité-2 s'en va"}));
  EXPECT_EQ(salon.on_message(a, "still there?").text, "FIN");  // gone: any further message ends it
  salon.leave(a);                                              // and leaving twice is harmless
  EXPECT_EQ(salon.nicknames(), std::vector<std::string>{"invité-3"});
}

TEST_F(SalonTest, CommandsHelpScoresAndUnknownOnes) {
  FakePeer alice(Framing::line);
  const MemberId a = join(alice);
  EXPECT_EQ(salon.on_message(a, "/aide").text, room_texts(Lang::fr).salon_help);
  EXPECT_EQ(salon.on_message(a, "/help").text, room_texts(Lang::fr).salon_help);
  EXPECT_EQ(salon.on_message(a, "/dance now").text, "Commande inconnue : /dance (tapez /aide)");
  EXPECT_EQ(salon.on_message(a, "/me").text, "Usage : /me <action>");
  EXPECT_EQ(salon.on_message(a, "").text, "Message vide : rien n'est envoyé.");
  store.rows = {{.nickname = "alice", .rounds_won = 2, .games_found = 3, .games = 4, .average_tries = 5.5,
                 .best_time = 1500ms}};
  // The read is handed to the transport (never done on the room's thread);
  // meanwhile the reply says it is late, the words sent if it stays so.
  EXPECT_EQ(salon.on_message(a, "/scores").text, room_texts(Lang::fr).scores_late);
  const SlowLine read = salon.take_slow_line();
  ASSERT_TRUE(read);
  EXPECT_FALSE(salon.take_slow_line()) << "taken once";
  const std::string scores = read();
  EXPECT_NE(scores.find("alice"), std::string::npos) << scores;
  EXPECT_FALSE(salon.on_message(a, "/who").text.empty());
  EXPECT_FALSE(salon.take_slow_line()) << "only /scores reads";
  // Through core::answer (a transport without threads for reads), at once.
  RoomSession session(salon);
  FakePeer bob(Framing::line);
  session.attach(bob);
  session.greeting();
  const Reply direct = answer(session, {.text = "/scores", .too_long = false}, texts(Lang::fr));
  EXPECT_NE(direct.text.find("alice"), std::string::npos) << direct.text;
  EXPECT_EQ(direct.text.find(room_texts(Lang::fr).scores_late), std::string::npos) << direct.text;
  Salon without_store(settings, clock.now(), nullptr);
  FakePeer lone(Framing::line);
  const MemberId l = without_store.join(lone);
  EXPECT_EQ(without_store.on_message(l, "/scores").text, room_texts(Lang::fr).scores_unavailable);
}

TEST_F(SalonTest, SpeaksEnglish) {
  settings.lang = Lang::en;
  Salon salon_en(settings, clock.now(), nullptr);
  FakePeer alice(Framing::raw);
  const MemberId a = salon_en.join(alice);
  EXPECT_TRUE(salon_en.greeting(a).starts_with("Welcome to the chat room! You are guest-1"));
  EXPECT_EQ(salon_en.on_message(a, "/nick x y").text.substr(0, 16), "Invalid nickname");
}

TEST_F(SalonTest, ARoomSessionJoinsOnAttachAndLeavesWhenDestroyed) {
  FakePeer watcher(Framing::line);
  join(watcher);
  watcher.take();
  {
    RoomSession session(salon);
    FakePeer peer(Framing::line);
    session.attach(peer);
    EXPECT_TRUE(session.greeting().starts_with("Bienvenue dans le salon ! Vous êtes invité-2"));
    EXPECT_EQ(session.on_message("hi").text, "");
  }
  EXPECT_EQ(watcher.take(), (std::vector<std::string>{"* invité-2 arrive", "<invité-2> hi", "* invité-2 s'en va"}));
}

}  // namespace
}  // namespace liaison::core
