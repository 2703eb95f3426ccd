// The common ground of the multi-user services: members with unique
// nicknames, chat relayed to everyone, commands, flood control, and news
// that reach each member the way it reads -- pushed at once to a client that
// reads whatever comes (line clients, or anyone after /push on), or kept and
// handed over with the next reply to a turn-based client (the lesson's), so
// that strict alternation is never broken.
//
// A room is pure and single-threaded: the transport calls it from one thread,
// passes the time through `Now` and delivers through each member's Peer.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/activity.hpp"
#include "core/flood_guard.hpp"
#include "core/framing.hpp"
#include "core/news_queue.hpp"
#include "core/room.hpp"
#include "core/room_texts.hpp"
#include "core/score_store.hpp"
#include "core/session.hpp"
#include "core/texts.hpp"

namespace liaison::core {

struct RoomSettings {
  Lang lang = Lang::fr;
  FloodLimits flood;
  std::size_t history = 20;                     // chat lines a newcomer sees
  std::size_t news_capacity = 100;              // news kept for a turn-based member
  std::size_t reply_budget = max_message_bytes; // what one reply may carry (the lesson's recv(1024))
};

class ChatRoom {
 public:
  ChatRoom(const RoomSettings& settings, Now now, ScoreStore* store);
  virtual ~ChatRoom() = default;
  ChatRoom(const ChatRoom&) = delete;
  ChatRoom& operator=(const ChatRoom&) = delete;

  // A new connection: the room reaches it through `peer` until leave().
  MemberId join(Peer& peer);
  // The member's first words.
  std::string greeting(MemberId id);
  // One reply per message, as for every session; empty for a member that
  // reads pushes and needs no acknowledgement.
  Reply on_message(MemberId id, std::string_view text);
  // The connection is gone (or said FIN). Unknown ids are ignored.
  void leave(MemberId id);
  // Session::reply_held and hold_reply, for the member's last reply.
  bool reply_held(MemberId id) const { return held_reply(id); }
  void hold_reply(MemberId id, HeldLine done);
  // Session::take_slow_line, for the last reply (the room runs on one thread).
  SlowLine take_slow_line() { return std::exchange(slow_line_, {}); }

  // Nicknames of the members present, in order of arrival (named ones only).
  std::vector<std::string> nicknames() const;

  // From now on, tells `activity` who is here, and what happens in the room.
  void observe(Activity* activity) { activity_ = activity; }

  // Teacher actions (the web side, with the teacher's token): "" when done,
  // otherwise why not. A kicked member is told, let go, then its
  // connection is ended; a renamed one is told its new nickname.
  std::string kick(std::string_view nickname);
  std::string rename_member(std::string_view nickname, std::string_view new_nickname);

 protected:
  enum class PushMode { automatic, on, off };

  struct Member {
    Member(MemberId member_id, Peer& member_peer, const RoomSettings& settings, Instant now)
        : id(member_id), peer(&member_peer), news(settings.news_capacity), flood(settings.flood, now) {}
    MemberId id;
    Peer* peer;
    std::string nickname;  // empty until named
    PushMode push = PushMode::automatic;
    NewsQueue news;
    FloodGuard flood;
  };

  // What each room does differently.
  virtual void on_join(Member& /*member*/) {}
  virtual std::string welcome(Member& member) = 0;
  // A message that is not a command.
  virtual std::string on_text(Member& member, std::string_view text) = 0;
  // Room-specific commands; nullopt when `command` is not one of them.
  virtual std::optional<std::string> on_room_command(Member& /*member*/, std::string_view /*command*/,
                                                     std::string_view /*argument*/) {
    return std::nullopt;
  }
  virtual std::string_view help() const = 0;
  virtual void on_named(Member& /*member*/, bool /*first_time*/) {}
  virtual void on_leave(Member& /*member*/) {}
  virtual bool held_reply(MemberId /*id*/) const { return false; }
  virtual void on_hold_reply(Member& /*member*/, HeldLine& /*done*/) {}

  // Tells `text` to one member: pushed now, or kept for its next reply.
  void tell(Member& member, std::string_view text);
  // Tells everyone named except `except`.
  void broadcast(std::string_view text, const Member* except = nullptr);
  // Relays a chat line, or an action (/me), with flood control and history;
  // the sender's reply.
  std::string relay(Member& member, std::string_view line, bool action = false);
  // Names the member; the reply (refusal or confirmation).
  std::string rename(Member& member, std::string_view nickname);
  std::string who() const;
  // The latest chat lines, oldest first, in at most `budget` bytes.
  std::string history_lines(std::size_t budget) const;
  // /scores: the line that says the read is late; the read is the slow line.
  std::string scores();
  // Records finished games; a failure is told to everyone, never thrown.
  void record(const std::vector<GameRecord>& games);

  Instant now() const { return now_(); }
  std::size_t named_count() const;
  const RoomSettings& settings() const { return settings_; }
  const RoomTexts& room_texts() const { return *room_texts_; }
  const Texts& texts() const { return *texts_; }
  Member* find(MemberId id);
  Member* find_named(std::string_view nickname);
  std::vector<Member*> named_members();
  Activity* activity() const { return activity_; }

 private:
  bool pushes(const Member& member) const;
  Reply respond(Member& member, std::string text, bool last = false);
  std::string on_command(Member& member, std::string_view command, std::string_view argument, bool& quit);
  std::string set_push(Member& member, std::string_view argument);
  // Removes the member, telling the others `news` (if any).
  void depart(MemberId id, const std::string& news);

  RoomSettings settings_;
  const Texts* texts_;
  const RoomTexts* room_texts_;
  Now now_;
  ScoreStore* store_;
  MemberId next_id_ = 1;
  std::map<MemberId, std::unique_ptr<Member>> members_;  // by id: order of arrival
  std::deque<std::string> history_;
  Activity* activity_ = nullptr;
  bool scores_asked_ = false;  // by the message being answered
  SlowLine slow_line_;
};

}  // namespace liaison::core
