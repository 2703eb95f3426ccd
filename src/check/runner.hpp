// Runs one check's coroutine to its end on an io_context that other
// coroutines (a program's output reader, its reaper) share.
#pragma once

#include <optional>

#include "net/asio.hpp"

namespace liaison::check {

template <typename T>
T run_to_end(asio::io_context& io, asio::awaitable<T> task) {
  std::optional<T> result;
  std::exception_ptr failure;
  asio::co_spawn(io, std::move(task), [&](std::exception_ptr error, T value) {
    failure = error;
    result = std::move(value);
  });
  while (!result && !failure)
    if (io.run_one() == 0) io.restart();
  if (failure) std::rethrow_exception(failure);
  return std::move(*result);
}

}  // namespace liaison::check
