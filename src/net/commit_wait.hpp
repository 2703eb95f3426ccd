// Waiting, inside a coroutine, for a store that commits on its own thread
// (core::DeferredCommits): used by every transport that announces finished
// games, so that a crash never loses a game its player was told of.
#pragma once

#include "core/score_store.hpp"
#include "net/asio.hpp"

namespace liaison::net {

// Returns once everything up to `ticket` is committed: true, or false when
// the store could not write it. The store's thread wakes this coroutine
// through `executor`; the store must deliver every wake-up before the loop
// behind `executor` is destroyed (GroupCommitStore::drain()).
asio::awaitable<bool> wait_committed(core::DeferredCommits& commits, core::CommitTicket ticket,
                                     const asio::any_io_executor& executor);

}  // namespace liaison::net
