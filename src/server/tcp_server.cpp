#include "server/tcp_server.hpp"

#include <csignal>
#include <cstdlib>
#include <thread>

#include "net/accept_loop.hpp"
#include "net/log.hpp"

namespace liaison::server {
namespace {

// Once a second, how many connection lines a burst left out (net/log.hpp).
asio::awaitable<void> flush_connection_log_every_second() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    timer.expires_after(std::chrono::seconds(1));
    co_await timer.async_wait(nothrow);
    net::flush_connection_log();
  }
}

}  // namespace

Server::Server(ServerOptions options, core::SessionFactory make_session)
    : options_(std::move(options)), admission_(options_.limits) {
  shared_ = {.make_session = std::move(make_session),
             .settings = options_.settings,
             .filter = &options_.filter,
             .admission = &admission_,
             .released = [this] { released(); }};
  const bool reuse_port = options_.threads > 1;
  tcp::endpoint endpoint = options_.endpoint;
  for (unsigned i = 0; i < std::max(options_.threads, 1U); ++i) {
    auto worker = std::make_unique<Worker>();
    worker->listener.emplace(net::open_acceptor(worker->context.get_executor(), endpoint, reuse_port), shared_);
    endpoint = worker->listener->local_endpoint();  // port 0: the others join the port the first one got
    workers_.push_back(std::move(worker));
  }
}

Server::~Server() = default;

void Server::run() {
  Worker& main_worker = *workers_.front();
  signals_.emplace(main_worker.context, SIGINT, SIGTERM);
  signals_->async_wait([this](const error_code& error, int signal_number) {
    if (!error) on_first_signal(signal_number);
  });
  for (auto& worker : workers_) worker->listener->start();
  asio::co_spawn(main_worker.context, flush_connection_log_every_second(), asio::detached);
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 1; i < workers_.size(); ++i)
      threads.emplace_back([&context = workers_[i]->context] { context.run(); });
    main_worker.context.run();
  }
  net::flush_connection_log();
}

void Server::on_first_signal(int signal_number) {
  net::log("signal {}: saying goodbye to {} client(s)", signal_number, admission_.clients());
  signals_->async_wait([](const error_code& error, int second) {
    if (error) return;
    net::log("signal {} again: exiting now", second);
    std::_Exit(128 + second);
  });
  stopping_.store(true);
  for (auto& hook : stop_hooks_) hook();
  for (auto& worker : workers_) {
    asio::post(worker->context, [&listener = *worker->listener] { listener.stop(); });
  }
  asio::co_spawn(workers_.front()->context, wait_for_goodbyes(), asio::detached);
}

// Lets the goodbyes finish, then stops every thread, within the shutdown
// limit: the last client to leave wakes it (released()), or the deadline.
asio::awaitable<void> Server::wait_for_goodbyes() {
  asio::steady_timer& alarm = goodbyes_.emplace(co_await asio::this_coro::executor);
  const auto deadline = std::chrono::steady_clock::now() + options_.shutdown_limit;
  while (admission_.clients() > 0 && std::chrono::steady_clock::now() < deadline) {
    alarm.expires_at(deadline);
    co_await alarm.async_wait(nothrow);
  }
  signals_->cancel();
  for (auto& worker : workers_) worker->context.stop();
}

void Server::released() {
  if (!stopping_.load() || admission_.clients() > 0) return;
  asio::post(workers_.front()->context, [this] {
    if (goodbyes_) goodbyes_->cancel();
  });
}

}  // namespace liaison::server
