#include "core/chat_room.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <exception>
#include <utility>

#include "core/display.hpp"
#include "core/leaderboard_text.hpp"
#include "core/user_text.hpp"
#include "core/utf8.hpp"
#include "core/words.hpp"

namespace liaison::core {
namespace {

// "/nick  alice " → {"/nick", "alice"}.
std::pair<std::string_view, std::string_view> split_command(std::string_view text) {
  const std::size_t blank = text.find_first_of(" \t");
  if (blank == std::string_view::npos) return {text, {}};
  return {text.substr(0, blank), trim(text.substr(blank))};
}

bool is_one_of(std::string_view word, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names)
    if (word == name) return true;
  return false;
}

}  // namespace

ChatRoom::ChatRoom(const RoomSettings& settings, Now now, ScoreStore* store)
    : settings_(settings),
      texts_(&core::texts(settings.lang)),
      room_texts_(&core::room_texts(settings.lang)),
      now_(std::move(now)),
      store_(store) {}

MemberId ChatRoom::join(Peer& peer) {
  const MemberId id = next_id_++;
  auto [entry, inserted] = members_.emplace(id, std::make_unique<Member>(id, peer, settings_, now()));
  on_join(*entry->second);
  return id;
}

std::string ChatRoom::greeting(MemberId id) {
  Member* member = find(id);
  return member ? welcome(*member) : std::string();
}

Reply ChatRoom::on_message(MemberId id, std::string_view text) {
  Member* member = find(id);
  if (!member) return goodbye();
  if (is_fin(text)) {
    leave(id);
    return goodbye();
  }
  if (!is_valid_utf8(text)) return respond(*member, std::string(texts().invalid_utf8));
  const std::string_view message = trim(text);
  if (message.starts_with('/')) {
    const auto [command, argument] = split_command(message);
    bool quit = false;
    std::string said = on_command(*member, command, argument, quit);
    if (quit) {
      leave(id);
      return goodbye();
    }
    Reply reply = respond(*member, std::move(said));
    if (std::exchange(scores_asked_, false)) {
      // The table takes the last line's place, in what the news left of the budget.
      const std::size_t news = last_line_start(reply.text);
      slow_line_ = scores_line(*store_, settings_.lang, settings_.reply_budget - std::min(news, settings_.reply_budget));
    }
    return reply;
  }
  return respond(*member, on_text(*member, message));
}

void ChatRoom::hold_reply(MemberId id, HeldLine done) {
  if (Member* member = find(id)) on_hold_reply(*member, done);
}

void ChatRoom::leave(MemberId id) {
  const Member* member = find(id);
  if (!member) return;
  depart(id, member->nickname.empty() ? std::string() : room_texts().left.format(member->nickname));
}

void ChatRoom::depart(MemberId id, const std::string& news) {
  const auto entry = members_.find(id);
  if (entry == members_.end()) return;
  const std::unique_ptr<Member> member = std::move(entry->second);
  members_.erase(entry);
  if (!member->nickname.empty()) {
    if (!news.empty()) broadcast(news);
    if (activity_) activity_->left(id);
  }
  on_leave(*member);
}

std::string ChatRoom::kick(std::string_view nickname) {
  Member* member = find_named(nickname);
  if (!member) return room_texts().no_such_player.format(nickname);
  Peer& peer = *member->peer;
  depart(member->id, room_texts().kicked_news.format(member->nickname));
  peer.close(room_texts().kicked);
  return {};
}

std::string ChatRoom::rename_member(std::string_view nickname, std::string_view new_nickname) {
  Member* member = find_named(nickname);
  if (!member) return room_texts().no_such_player.format(nickname);
  std::string refusal = rename(*member, new_nickname);
  if (member->nickname != new_nickname) return refusal;
  tell(*member, room_texts().renamed_by_teacher.format(member->nickname));
  return {};
}

ChatRoom::Member* ChatRoom::find_named(std::string_view nickname) {
  const std::string key = nickname_key(nickname);
  for (auto& [id, member] : members_)
    if (!member->nickname.empty() && nickname_key(member->nickname) == key) return member.get();
  return nullptr;
}

std::vector<std::string> ChatRoom::nicknames() const {
  std::vector<std::string> names;
  for (const auto& [id, member] : members_)
    if (!member->nickname.empty()) names.push_back(member->nickname);
  return names;
}

void ChatRoom::tell(Member& member, std::string_view text) {
  if (pushes(member))
    member.peer->deliver(text);
  else
    member.news.add(std::string(text));
}

void ChatRoom::broadcast(std::string_view text, const Member* except) {
  for (auto& [id, member] : members_)
    if (member.get() != except && !member->nickname.empty()) tell(*member, text);
}

std::string ChatRoom::relay(Member& member, std::string_view line, bool action) {
  if (line.empty()) return std::string(room_texts().empty_message);
  const FloodGuard::Decision decision = member.flood.check(now());
  if (decision.verdict == FloodGuard::Verdict::warned)
    return room_texts().flood_warning.format(decision.mute_left.count());
  if (decision.verdict == FloodGuard::Verdict::muted)
    return room_texts().muted.format(decision.mute_left.count());
  const auto& form = action ? room_texts().acted : room_texts().said;
  std::string said = form.format(member.nickname, printable(line));
  broadcast(said, &member);
  history_.push_back(std::move(said));
  if (history_.size() > settings_.history) history_.pop_front();
  if (pushes(member)) return {};
  return room_texts().sent.format(named_count() - 1);
}

std::string ChatRoom::rename(Member& member, std::string_view nickname) {
  if (!is_valid_nickname(nickname)) return room_texts().nickname_invalid.format(max_nickname_chars);
  // Nicknames are unique whatever their case: at most one member holds it.
  if (const Member* holder = find_named(nickname); holder && holder != &member)
    return room_texts().nickname_taken.format(nickname);
  const bool first_time = member.nickname.empty();
  if (!first_time && member.nickname != nickname)
    broadcast(room_texts().renamed.format(member.nickname, nickname), &member);
  member.nickname = std::string(nickname);
  if (activity_) activity_->named(member.id, member.nickname);
  on_named(member, first_time);
  return room_texts().you_are_now.format(member.nickname);
}

std::string ChatRoom::who() const {
  const std::vector<std::string> names = nicknames();
  if (names.empty()) return std::string(room_texts().nobody_else);
  return room_texts().present.format(names.size(), fmt::to_string(fmt::join(names, ", ")));
}

std::string ChatRoom::history_lines(std::size_t budget) const {
  std::size_t used = room_texts().history_header.size() + 1;
  std::size_t shown = 0;
  for (auto line = history_.rbegin(); line != history_.rend() && used + line->size() + 1 <= budget; ++line) {
    used += line->size() + 1;
    ++shown;
  }
  if (shown == 0) return {};
  std::string text(room_texts().history_header);
  for (std::size_t i = history_.size() - shown; i < history_.size(); ++i) (text += '\n') += history_[i];
  return text;
}

std::string ChatRoom::scores() {
  if (!store_) return std::string(room_texts().scores_unavailable);
  scores_asked_ = true;
  return std::string(room_texts().scores_late);
}

void ChatRoom::record(const std::vector<GameRecord>& games) {
  if (!store_ || games.empty()) return;
  try {
    store_->record(games);
  } catch (const std::exception& error) {
    broadcast(error.what());
  }
  if (activity_) activity_->game_over();
}

std::size_t ChatRoom::named_count() const {
  std::size_t count = 0;
  for (const auto& [id, member] : members_)
    if (!member->nickname.empty()) ++count;
  return count;
}

std::vector<ChatRoom::Member*> ChatRoom::named_members() {
  std::vector<Member*> named;
  for (auto& [id, member] : members_)
    if (!member->nickname.empty()) named.push_back(member.get());
  return named;
}

ChatRoom::Member* ChatRoom::find(MemberId id) {
  const auto entry = members_.find(id);
  return entry == members_.end() ? nullptr : entry->second.get();
}

// Line clients (netcat, telnet, liaison connect --duplex) read whatever comes;
// the lesson's raw client reads only after it sends. /push overrides.
bool ChatRoom::pushes(const Member& member) const {
  switch (member.push) {
    case PushMode::on: return true;
    case PushMode::off: return false;
    case PushMode::automatic: return member.peer->framing() == Framing::line;
  }
  return false;
}

Reply ChatRoom::respond(Member& member, std::string text, bool last) {
  if (!pushes(member)) return {.text = member.news.take_with(text, settings_.reply_budget, room_texts()), .last = last};
  // News kept before the member started reading pushes go first.
  if (!member.news.empty())
    for (const std::string& line : member.news.take_all(room_texts())) member.peer->deliver(line);
  return {.text = std::move(text), .last = last};
}

std::string ChatRoom::on_command(Member& member, std::string_view command, std::string_view argument, bool& quit) {
  if (is_one_of(command, {"/quit", "/exit", "/bye"})) {
    quit = true;
    return {};
  }
  if (command == "/nick") return rename(member, argument);
  if (command == "/who") return who();
  if (is_one_of(command, {"/aide", "/help", "/?"})) return std::string(help());
  if (command == "/scores") return scores();
  if (command == "/push") return set_push(member, argument);
  if (command == "/me") {
    if (argument.empty()) return std::string(room_texts().me_usage);
    if (member.nickname.empty()) return std::string(room_texts().ask_nickname);
    return relay(member, argument, /*action=*/true);
  }
  if (auto reply = on_room_command(member, command, argument)) return std::move(*reply);
  return room_texts().unknown_command.format(printable(command));
}

std::string ChatRoom::set_push(Member& member, std::string_view argument) {
  const std::string word = nickname_key(argument);
  if (word == "on") member.push = PushMode::on;
  else if (word == "off") member.push = PushMode::off;
  else return std::string(room_texts().push_usage);
  return std::string(member.push == PushMode::on ? room_texts().push_on : room_texts().push_off);
}

}  // namespace liaison::core
