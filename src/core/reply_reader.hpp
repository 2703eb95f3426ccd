// Reading a juste prix server somebody else wrote: its words vary ("C'est
// plus", "trop petit", "Higher", "Bravo !"), so replies are understood by
// keywords, not by liaison's own sentences (core/guesser's classify_reply),
// and the answers are checked against each other: the secrets in the bounds
// that agree with every answer so far. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/guesser.hpp"
#include "core/juste_prix.hpp"

namespace liaison::core {

// What a reply to a guess says about the secret.
enum class ReplyMeaning { higher, lower, won, fin, unknown };

struct Understood {
  ReplyMeaning meaning = ReplyMeaning::unknown;
  std::string keyword;  // the words it was understood by ("trop petit"), for the report
};

// The verdict of one reply, whatever the language and the wording; a reply
// that says both (e.g. "plus" and "moins") is unknown.
Understood understand_reply(std::string_view reply);

// Two messages in what one read returned: what two send()s in a row look like
// when they arrive together, and what a recv(1024) client takes for one.
struct Glued {
  std::string first;
  std::string second;
};

// The first two messages of `reply` when it holds more than one: two lines
// for a server that speaks in lines; otherwise two sentences stuck end to end
// with no space between them ("C'est plus !Essaie encore :"), or two lines
// that each give a direction ("C'est plus\nC'est moins"). A FIN after the
// rest is not counted (FIN right after the win is the lesson's protocol);
// nullopt: one message.
std::optional<Glued> glued_replies(std::string_view reply, bool line_framing);

// The bounds a greeting announces: "entre 1 et 100", "de 1 à 100",
// "between 1 and 100", "from 1 to 100", "1-100"; nullopt when none.
std::optional<Bounds> read_bounds(std::string_view greeting);

// The secrets that agree with every answer so far.
class SecretCandidates {
 public:
  explicit SecretCandidates(Bounds bounds) : remaining_(bounds) {}

  // False (and nothing left) when the answer contradicts the earlier ones.
  bool take(std::int64_t guess, ReplyMeaning verdict);
  bool consistent() const { return remaining_.has_value(); }
  std::optional<Bounds> remaining() const { return remaining_; }

 private:
  std::optional<Bounds> remaining_;
};

}  // namespace liaison::core
