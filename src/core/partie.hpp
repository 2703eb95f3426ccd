// Multiplayer juste prix (`serve --mode partie`): players give a nickname,
// then everyone guesses the same secret, each with their own "plus"/"moins".
// The first to find it wins the round; the others have `grace` more to find
// it too; then a pause, then a new round. Any text that is not a number or a
// command is chat for everyone. Every player's part of a round is recorded.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "core/chat_room.hpp"
#include "core/juste_prix.hpp"
#include "core/round.hpp"
#include "core/shared_round.hpp"

namespace liaison::core {

struct PartieSettings {
  Bounds bounds;
  std::chrono::milliseconds grace{15'000};  // after the first find
  std::chrono::milliseconds pause{5'000};   // between rounds
};

class Partie final : public ChatRoom {
 public:
  Partie(const RoomSettings& room, const PartieSettings& partie, SecretSource secrets, Now now, ScoreStore* store,
         Alarm& alarm);

  // One round across servers: from now on the round, its secret, its clock
  // and every finder's rank are the shared state's (core/shared_round.hpp),
  // not this room's; the room waits for on_shared_round() before its first
  // round. Before any member joins.
  void share(SharedRound& shared) { shared_ = &shared; }
  // The shared round as it now stands (after any change, or to be sure).
  void on_shared_round(const SharedRoundState& state);
  // The answer to SharedRound::claim_find.
  void on_rank(std::int64_t round, MemberId member, int rank);

  // The alarm the room asked for has rung (or later).
  void on_alarm();

  // A teacher's action: the round being played ends now (recorded, podium),
  // and the next starts at once; between rounds, the next starts now. ""
  // when done, otherwise why not.
  std::string start_round_now();

  // The round being played or last played (none before the first player).
  const Round* round() const { return round_ ? &*round_ : nullptr; }
  bool between_rounds() const { return phase_ == Phase::pause; }

 private:
  enum class Phase { waiting, playing, pause };

  std::string welcome(Member& member) override;
  std::string on_text(Member& member, std::string_view text) override;
  std::optional<std::string> on_room_command(Member& member, std::string_view command,
                                             std::string_view argument) override;
  std::string_view help() const override { return room_texts().partie_help; }
  void on_named(Member& member, bool first_time) override;
  void on_leave(Member& member) override;
  bool held_reply(MemberId id) const override { return claiming_.contains(id); }
  void on_hold_reply(Member& member, HeldLine& done) override;

  std::string hello(const Member& member);
  std::string on_guess(Member& member, std::int64_t value);
  std::string status(const Member& member);
  std::string wait_text();
  // Tells the Activity (if any) how the round stands, and a shared round how
  // many here still search.
  void show_round();
  RoundView round_view(bool over) const;  // the round for a screen, shared or not
  void tell_searching();
  void start_round(const Member* except);
  // Ends the round: records it, starts the pause; the summary for everyone.
  std::string end_round();
  // The shared round's news: a new round, its end, the others' finds.
  void follow_shared(const SharedRoundState& state);
  void tell_rank(Member& member, int rank);
  HeldLine take_held(MemberId id);
  std::string seconds(std::chrono::milliseconds duration) const;

  PartieSettings partie_;
  SecretSource secrets_;
  Alarm& alarm_;
  Phase phase_ = Phase::waiting;
  std::optional<Round> round_;
  std::optional<Instant> deadline_;  // end of the grace time, or of the pause
  SharedRound* shared_ = nullptr;
  std::pair<std::int64_t, std::size_t> told_searching_{0, 0};  // (round, players) last told to shared_
  std::size_t finds_told_ = 0;  // of the shared round's finds on other servers
  // Shared round: finders whose reply may wait for their rank, and the
  // replies that wait for it.
  std::set<MemberId> claiming_;
  std::map<MemberId, HeldLine> held_;
};

}  // namespace liaison::core
