// What a running server counts, for /metrics and /api/stats: lock-free
// counters that every connection of every thread bumps.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>

namespace liaison::net {

// Time from a message's arrival to its reply's send, in fixed buckets
// (Prometheus histogram: each bucket counts what is at most its bound).
class ReplyLatency {
 public:
  static constexpr std::array<double, 11> bounds_seconds{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                         0.01,   0.025,   0.05,   0.1,   0.25};

  void observe(std::chrono::nanoseconds latency);

  struct Snapshot {
    std::array<std::uint64_t, bounds_seconds.size()> at_most{};  // cumulative, as Prometheus wants
    std::uint64_t count = 0;
    double sum_seconds = 0;
  };
  Snapshot snapshot() const;

 private:
  std::array<std::atomic<std::uint64_t>, bounds_seconds.size() + 1> buckets_{};  // the last: above every bound
  std::atomic<std::uint64_t> sum_ns_{0};
};

struct ServerStats {
  std::atomic<std::uint64_t> connections_total{0};    // accepted and served (TCP and WebSocket)
  std::atomic<std::int64_t> connections_open{0};
  std::atomic<std::uint64_t> connections_refused_total{0};  // full, too many from one address, denied
  std::atomic<std::uint64_t> messages_total{0};       // client messages answered
  std::atomic<std::uint64_t> pushes_dropped_total{0};  // news not sent to a client too slow to read them
  std::atomic<std::int64_t> event_streams_open{0};     // pages following /events
  std::atomic<std::uint64_t> event_streams_dropped_total{0};  // closed because their page read too slowly
  ReplyLatency reply_latency;
  std::chrono::system_clock::time_point started = std::chrono::system_clock::now();

  // What every transport counts: a connection served, gone, a reply sent.
  void opened() {
    connections_total.fetch_add(1, std::memory_order_relaxed);
    connections_open.fetch_add(1, std::memory_order_relaxed);
  }
  void closed() { connections_open.fetch_sub(1, std::memory_order_relaxed); }
  void answered(std::chrono::nanoseconds latency) {
    messages_total.fetch_add(1, std::memory_order_relaxed);
    reply_latency.observe(latency);
  }
  void refused() { connections_refused_total.fetch_add(1, std::memory_order_relaxed); }
  void dropped_push() { pushes_dropped_total.fetch_add(1, std::memory_order_relaxed); }
};

}  // namespace liaison::net
