#include "core/round.hpp"

#include <algorithm>

namespace liaison::core {
namespace {

std::chrono::milliseconds since(Instant from, Instant to) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(to - from);
}

}  // namespace

void Round::enter(MemberId id, std::string nickname, Instant now) {
  if (Entrant* entrant = find(id)) {
    entrant->present = true;
    return;
  }
  entrants_.push_back({.id = id, .nickname = std::move(nickname), .entered = std::max(now, start_)});
}

void Round::rename(MemberId id, std::string nickname) {
  if (Entrant* entrant = find(id)) entrant->nickname = std::move(nickname);
}

void Round::leave(MemberId id) {
  if (Entrant* entrant = find(id)) entrant->present = false;
}

Round::Guess Round::guess(MemberId id, std::int64_t value, Instant now) {
  Entrant* entrant = find(id);
  if (!entrant || entrant->rank) return {};
  ++entrant->tries;
  const Verdict verdict = judge(value, secret_);
  if (verdict != Verdict::found) {
    open_ = narrow(open_, value, verdict).value_or(open_);
    return {.verdict = verdict, .tries = entrant->tries};
  }
  entrant->rank = ++finders_;
  entrant->time = since(entrant->entered, now);
  return {.verdict = Verdict::found, .tries = entrant->tries, .rank = entrant->rank, .time = entrant->time};
}

void Round::place(MemberId id, int rank) {
  if (Entrant* entrant = find(id)) entrant->rank = rank;
}

void Round::found_elsewhere(std::string nickname, int rank, int tries, std::chrono::milliseconds time) {
  entrants_.push_back({.id = 0,
                       .nickname = std::move(nickname),
                       .entered = start_,
                       .tries = tries,
                       .rank = rank,
                       .time = time,
                       .present = false,
                       .elsewhere = true});
}

std::size_t Round::found() const {
  return static_cast<std::size_t>(
      std::count_if(entrants_.begin(), entrants_.end(), [](const Entrant& e) { return e.rank > 0; }));
}

std::size_t Round::players_here() const {
  return static_cast<std::size_t>(
      std::count_if(entrants_.begin(), entrants_.end(), [](const Entrant& e) { return !e.elsewhere; }));
}

std::size_t Round::found_here() const {
  return static_cast<std::size_t>(std::count_if(entrants_.begin(), entrants_.end(),
                                                [](const Entrant& e) { return !e.elsewhere && e.rank > 0; }));
}

std::optional<Round::Finder> Round::finder(MemberId id) const {
  const Entrant* entrant = find(id);
  if (!entrant || !entrant->rank) return std::nullopt;
  return Finder{.nickname = entrant->nickname, .tries = entrant->tries, .time = entrant->time};
}

bool Round::has_found(MemberId id) const {
  const Entrant* entrant = find(id);
  return entrant && entrant->rank;
}

int Round::tries(MemberId id) const {
  const Entrant* entrant = find(id);
  return entrant ? entrant->tries : 0;
}

std::size_t Round::searching() const {
  return static_cast<std::size_t>(
      std::count_if(entrants_.begin(), entrants_.end(), [](const Entrant& e) { return e.present && !e.rank; }));
}

std::vector<GameRecord> Round::records(Instant end) const {
  std::vector<GameRecord> games;
  for (const Entrant& entrant : entrants_) {
    if (entrant.tries == 0 || entrant.elsewhere) continue;
    games.push_back({.mode = GameMode::round,
                     .nickname = entrant.nickname,
                     .round = number_,
                     .min = bounds_.min,
                     .max = bounds_.max,
                     .secret = secret_,
                     .found = entrant.rank != 0,  // Round::pending: found, rank unknown
                     .tries = entrant.tries,
                     .duration = entrant.rank ? entrant.time : since(entrant.entered, end),
                     .rank = std::max(entrant.rank, 0)});
  }
  return games;
}

RoundView Round::view(bool over) const {
  RoundView view{.number = number_, .bounds = bounds_, .open = open_, .over = over, .secret = over ? secret_ : 0,
                 .entrants = {}, .podium = {}, .found = found(), .players_here = players_here(),
                 .found_here = found_here()};
  for (const Entrant& entrant : entrants_)
    view.entrants.push_back({.nickname = entrant.nickname,
                             .tries = entrant.tries,
                             .rank = entrant.rank,
                             .present = entrant.present,
                             .elsewhere = entrant.elsewhere});
  if (over)
    for (const Finder& finder : podium(3))
      view.podium.push_back({.nickname = finder.nickname, .tries = finder.tries, .time_ms = finder.time.count()});
  return view;
}

std::vector<Round::Finder> Round::podium(std::size_t count) const {
  std::vector<const Entrant*> finders;
  for (const Entrant& entrant : entrants_)
    if (entrant.rank > 0) finders.push_back(&entrant);
  std::sort(finders.begin(), finders.end(), [](const Entrant* a, const Entrant* b) { return a->rank < b->rank; });
  std::vector<Finder> podium;
  for (std::size_t i = 0; i < finders.size() && i < count; ++i)
    podium.push_back({.nickname = finders[i]->nickname, .tries = finders[i]->tries, .time = finders[i]->time});
  return podium;
}

Round::Entrant* Round::find(MemberId id) {
  const auto entrant = std::find_if(entrants_.begin(), entrants_.end(), [id](const Entrant& e) { return e.id == id; });
  return entrant == entrants_.end() ? nullptr : &*entrant;
}

const Round::Entrant* Round::find(MemberId id) const { return const_cast<Round*>(this)->find(id); }

}  // namespace liaison::core
