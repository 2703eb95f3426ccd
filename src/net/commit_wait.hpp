// Answering when a store commits on its own thread (core::DeferredCommits):
// every transport that announces finished games answers through here, so
// that a crash never loses a game its player was told of.
#pragma once

#include "core/framing.hpp"
#include "core/score_store.hpp"
#include "core/session.hpp"
#include "core/texts.hpp"
#include "net/asio.hpp"

namespace liaison::net {

// The session's reply to `message` (core::answer), held until what the answer
// recorded is committed; when it could not be, the reply says so first.
// A store that commits here (SQLite) is committed by the loop behind
// `executor` once per turn, for every reply of that turn together. Otherwise
// the store's thread wakes this coroutine through `executor`, and the store
// must deliver every wake-up before that loop is destroyed
// (GroupCommitStore::drain()). Without `commits`, this is core::answer.
// A read the reply waits for (core::Session::take_slow_line: /scores) runs on
// `reads`, never on this loop; without `reads`, here, at once.
asio::awaitable<core::Reply> answer_when_recorded(core::Session& session, const core::Message& message,
                                                  const core::Texts& texts, core::DeferredCommits* commits,
                                                  asio::any_io_executor executor, asio::any_io_executor reads = {});

}  // namespace liaison::net
