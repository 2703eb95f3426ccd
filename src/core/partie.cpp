#include "core/partie.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "core/words.hpp"

namespace liaison::core {
namespace {

constexpr std::size_t podium_size = 3;

}  // namespace

Partie::Partie(const RoomSettings& room, const PartieSettings& partie, SecretSource secrets, Now now,
               ScoreStore* store, Alarm& alarm)
    : ChatRoom(room, std::move(now), store), partie_(partie), secrets_(std::move(secrets)), alarm_(alarm) {}

void Partie::on_alarm() {
  if (!deadline_ || now() < *deadline_) {
    if (deadline_) alarm_.wake_at(*deadline_);  // woken early: ask again
    return;
  }
  deadline_.reset();
  if (phase_ == Phase::playing) {
    broadcast(end_round());
  } else if (phase_ == Phase::pause) {
    if (named_count() > 0)
      start_round(nullptr);
    else
      phase_ = Phase::waiting;  // nobody left: the next player starts a round
  }
}

std::string Partie::welcome(Member& /*member*/) {
  return room_texts().partie_welcome.format(partie_.bounds.min, partie_.bounds.max) + "\n" +
         std::string(room_texts().ask_nickname);
}

std::string Partie::on_text(Member& member, std::string_view text) {
  if (member.nickname.empty()) {
    std::string refusal = rename(member, text);
    return member.nickname.empty() ? refusal + "\n" + std::string(room_texts().ask_nickname) : hello(member);
  }
  const ParsedNumber guess = parse_whole_number(text);
  if (guess.error == NumberError::not_a_number) return relay(member, text);
  if (guess.error || guess.value < partie_.bounds.min || guess.value > partie_.bounds.max) {
    const std::string shown = guess.error ? std::string(trim(text)) : std::to_string(guess.value);
    return texts().out_of_range.format(shown, partie_.bounds.min, partie_.bounds.max);
  }
  if (phase_ != Phase::playing) return wait_text();
  return on_guess(member, guess.value);
}

std::string Partie::on_guess(Member& member, std::int64_t value) {
  if (round_->has_found(member.id)) return room_texts().already_found.format(round_->searching());
  const Round::Guess guess = round_->guess(member.id, value, now());
  if (activity()) activity()->guessed();
  if (guess.verdict != Verdict::found) show_round();
  if (guess.verdict == Verdict::higher) return room_texts().higher.format(guess.tries);
  if (guess.verdict == Verdict::lower) return room_texts().lower.format(guess.tries);
  if (shared_) {
    // The rank is the shared state's: asked for, told when it comes.
    round_->place(member.id, Round::pending);
    claiming_.insert(member.id);
    shared_->claim_find(round_->number(), member.id,
                        {.rank = 0, .nickname = member.nickname, .tries = guess.tries, .time = guess.time});
    show_round();
    return room_texts().found_shared.format(round_->secret(), guess.tries, seconds(guess.time));
  }
  std::string reply;
  if (guess.rank == 1) {
    reply =
        room_texts().you_won_round.format(round_->secret(), guess.tries, seconds(guess.time), seconds(partie_.grace));
    broadcast(room_texts().winner_news.format(member.nickname, round_->number(), guess.tries, seconds(guess.time)),
              &member);
  } else {
    reply = room_texts().you_found.format(round_->secret(), guess.rank, guess.tries, seconds(guess.time));
    broadcast(room_texts().finder_news.format(member.nickname, guess.rank, guess.tries, seconds(guess.time)), &member);
  }
  if (round_->searching() == 0 || partie_.grace.count() == 0) {
    // The finder reads the summary after its own news; the others get it now.
    const std::string summary = end_round();
    broadcast(summary, &member);
    return reply + "\n" + summary;
  }
  if (guess.rank == 1) {
    deadline_ = now() + partie_.grace;
    alarm_.wake_at(*deadline_);
  }
  show_round();
  return reply;
}

std::optional<std::string> Partie::on_room_command(Member& member, std::string_view command,
                                                   std::string_view /*argument*/) {
  if (command == "/manche" || command == "/round") return status(member);
  return std::nullopt;
}

void Partie::on_named(Member& member, bool first_time) {
  if (!first_time) {
    if (round_) round_->rename(member.id, member.nickname);
    if (phase_ == Phase::playing) show_round();
    return;
  }
  broadcast(room_texts().joined.format(member.nickname), &member);
  if (phase_ == Phase::waiting) {
    if (shared_) return;  // the shared round starts it
    start_round(&member);
  } else if (phase_ == Phase::playing) {
    round_->enter(member.id, member.nickname, now());
    show_round();
  }
}

void Partie::on_hold_reply(Member& member, HeldLine& done) {
  if (claiming_.erase(member.id)) held_[member.id] = std::move(done);
}

void Partie::on_leave(Member& member) {
  claiming_.erase(member.id);
  held_.erase(member.id);
  if (!round_ || phase_ != Phase::playing) return;
  round_->leave(member.id);
  if (shared_) return show_round();  // others may search on other servers
  // The last searcher left after someone found it: nothing to wait for.
  if (round_->found() > 0 && round_->searching() == 0)
    broadcast(end_round());
  else
    show_round();
}

std::string Partie::hello(const Member& member) {
  if (!round_)  // a shared round not heard of yet: it comes at once
    return room_texts().hello_pause.format(member.nickname, 1, seconds(std::chrono::milliseconds(0)));
  if (phase_ == Phase::pause)
    return room_texts().hello_pause.format(
        member.nickname, round_->number() + 1,
        seconds(std::chrono::duration_cast<std::chrono::milliseconds>(*deadline_ - now())));
  return room_texts().hello_round.format(member.nickname, round_->number(), partie_.bounds.min, partie_.bounds.max,
                                         named_count());
}

std::string Partie::status(const Member& member) {
  if (phase_ == Phase::pause) return wait_text();
  if (!round_) return std::string(room_texts().ask_nickname);
  if (shared_)
    return room_texts().round_status_shared.format(round_->number(), round_->found(), round_->found_here(),
                                                   round_->players_here(), round_->tries(member.id));
  return room_texts().round_status.format(round_->number(), round_->found(), round_->players(),
                                          round_->tries(member.id));
}

std::string Partie::wait_text() {
  const auto left = deadline_ ? *deadline_ - now() : std::chrono::steady_clock::duration::zero();
  return room_texts().wait_next_round.format(
      round_ ? round_->number() + 1 : 1, std::chrono::ceil<std::chrono::seconds>(std::max(left, left.zero())).count());
}

void Partie::start_round(const Member* except) {
  const std::int64_t number = round_ ? round_->number() + 1 : 1;
  round_.emplace(number, partie_.bounds, secrets_(partie_.bounds), now());
  phase_ = Phase::playing;
  deadline_.reset();
  for (Member* member : named_members()) round_->enter(member->id, member->nickname, now());
  show_round();
  broadcast(room_texts().round_started.format(number, partie_.bounds.min, partie_.bounds.max), except);
}

std::string Partie::end_round() {
  const Instant end = now();
  if (activity()) activity()->round_changed(round_view(true));
  record(round_->records(end));
  std::vector<std::string> places;
  int rank = 0;
  for (const Round::Finder& finder : round_->podium(podium_size))
    places.push_back(room_texts().podium_entry.format(++rank, finder.nickname, finder.tries, seconds(finder.time)));
  const std::string podium = places.empty() ? std::string(room_texts().nobody_found) : fmt::to_string(fmt::join(places, " "));
  phase_ = Phase::pause;
  deadline_ = end + partie_.pause;
  if (!shared_) alarm_.wake_at(*deadline_);
  const std::string over = shared_ ? room_texts().round_over_shared.format(round_->number(), round_->found(),
                                                                          round_->found_here(), round_->players_here(),
                                                                          podium, round_->secret())
                                   : room_texts().round_over.format(round_->number(), round_->found(),
                                                                    round_->players(), podium, round_->secret());
  return over +
         " " +
         room_texts().next_round_in.format(round_->number() + 1,
                                           std::chrono::ceil<std::chrono::seconds>(partie_.pause).count());
}

std::string Partie::start_round_now() {
  if (shared_) return std::string(room_texts().shared_clock);
  if (named_count() == 0) return std::string(room_texts().nobody_to_play);
  if (phase_ == Phase::playing) broadcast(end_round());
  start_round(nullptr);
  return {};
}

void Partie::on_shared_round(const SharedRoundState& state) {
  if (!shared_) return;
  const bool same_round = round_ && round_->number() == state.round;
  if (!same_round) {
    if (phase_ == Phase::playing) broadcast(end_round());  // its end was missed (an outage)
    finds_told_ = 0;
    round_.emplace(state.round, partie_.bounds, state.secret, now());
    if (state.phase == SharedPhase::pause) {
      phase_ = Phase::pause;  // a round this server never saw: the next one waits
    } else {
      phase_ = Phase::playing;
      for (Member* member : named_members()) round_->enter(member->id, member->nickname, now());
      broadcast(room_texts().round_started.format(state.round, partie_.bounds.min, partie_.bounds.max));
    }
  }
  follow_shared(state);
}

void Partie::follow_shared(const SharedRoundState& state) {
  deadline_ = state.phase == SharedPhase::playing ? std::nullopt : std::optional(now() + state.left);
  if (phase_ == Phase::playing) {
    for (std::size_t i = finds_told_; i < state.finds.size(); ++i) {
      const SharedFind& find = state.finds[i];
      round_->found_elsewhere(find.nickname, find.rank, find.tries, find.time);
      broadcast(find.rank == 1 ? room_texts().winner_news.format(find.nickname, round_->number(), find.tries,
                                                                  seconds(find.time))
                               : room_texts().finder_news.format(find.nickname, find.rank, find.tries,
                                                                 seconds(find.time)));
    }
    finds_told_ = std::max(finds_told_, state.finds.size());
    show_round();
  }
  if (state.phase == SharedPhase::pause && phase_ == Phase::playing) {
    broadcast(end_round());
    deadline_ = now() + state.left;  // the shared clock's, not this server's --round-pause
  }
}

void Partie::on_rank(std::int64_t round, MemberId id, int rank) {
  if (!round_ || round_->number() != round) {  // a round already gone
    claiming_.erase(id);
    if (HeldLine done = take_held(id)) done(std::string(room_texts().rank_unknown));
    return;
  }
  round_->place(id, rank == rank_unknown ? Round::pending : rank);
  if (Member* member = find(id)) tell_rank(*member, rank);
  show_round();
}

void Partie::tell_rank(Member& member, int rank) {
  claiming_.erase(member.id);
  const std::optional<Round::Finder> found = round_->finder(member.id);
  const std::string time = found ? seconds(found->time) : std::string();
  std::string line;
  if (rank == 0 || !found)
    line = room_texts().too_late.format(round_->number());
  else if (rank == rank_unknown)
    line = std::string(room_texts().rank_unknown);
  else if (rank == 1)
    line = room_texts().you_won_round.format(round_->secret(), found->tries, time, seconds(partie_.grace));
  else
    line = room_texts().you_found.format(round_->secret(), rank, found->tries, time);
  // The finder's held reply ends with it; a reply no longer held gets it as news.
  HeldLine done = take_held(member.id);
  if (!done || !done(line)) tell(member, line);
  if (!found) return;
  if (rank == 1)
    broadcast(room_texts().winner_news.format(member.nickname, round_->number(), found->tries, time), &member);
  else if (rank > 1)
    broadcast(room_texts().finder_news.format(member.nickname, rank, found->tries, time), &member);
}

// The finder's held reply, if one waits (taken: it is called once at most).
HeldLine Partie::take_held(MemberId id) {
  const auto held = held_.find(id);
  if (held == held_.end()) return {};
  HeldLine done = std::move(held->second);
  held_.erase(held);
  return done;
}

void Partie::show_round() {
  if (shared_ && round_ && phase_ == Phase::playing) tell_searching();
  if (activity() && round_) activity()->round_changed(round_view(false));
}

// A shared round: how many here still search, when that changes.
void Partie::tell_searching() {
  const std::pair<std::int64_t, std::size_t> now_searching{round_->number(), round_->searching()};
  if (now_searching == told_searching_) return;
  told_searching_ = now_searching;
  shared_->searching(now_searching.first, now_searching.second);
}

RoundView Partie::round_view(bool over) const {
  RoundView view = round_->view(over);
  view.shared = shared_ != nullptr;
  return view;
}

// "12,3" in French, "12.3" in English.
std::string Partie::seconds(std::chrono::milliseconds duration) const {
  std::string text = fmt::format("{:.1f}", std::chrono::duration<double>(duration).count());
  if (settings().lang == Lang::fr) std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

}  // namespace liaison::core
