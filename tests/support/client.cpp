#include "support/client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace liaison::testing {

bool wait_readable(int fd, std::chrono::milliseconds timeout) {
  pollfd p{.fd = fd, .events = POLLIN, .revents = 0};
  return ::poll(&p, 1, static_cast<int>(timeout.count())) > 0;
}

std::optional<std::string> read_line(int fd, std::string& buffered, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto newline = buffered.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffered.substr(0, newline + 1);
      buffered.erase(0, newline + 1);
      return line;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left <= 0ms || !wait_readable(fd, left)) return std::nullopt;
    char chunk[4096];
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return std::nullopt;
    buffered.append(chunk, static_cast<std::size_t>(n));
  }
}

Client::Client(std::uint16_t port, std::string host) {
  const bool v6 = host.find(':') != std::string::npos;
  fd_ = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error("socket failed");
  int result = -1;
  if (v6) {
    sockaddr_in6 address{};
    address.sin6_family = AF_INET6;
    address.sin6_port = htons(port);
    ::inet_pton(AF_INET6, host.c_str(), &address.sin6_addr);
    result = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
  } else {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    ::inet_pton(AF_INET, host.c_str(), &address.sin_addr);
    result = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
  }
  if (result != 0) {
    ::close(fd_);
    throw std::runtime_error("connect failed");
  }
}

Client::~Client() {
  if (fd_ >= 0) ::close(fd_);
}

void Client::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("send failed");
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::optional<std::string> Client::recv_once(std::size_t max, std::chrono::milliseconds timeout) {
  if (!buffered_.empty()) {
    std::string head = buffered_.substr(0, max);
    buffered_.erase(0, head.size());
    return head;
  }
  if (!wait_readable(fd_, timeout)) return std::nullopt;
  std::string data(max, '\0');
  const ssize_t n = ::recv(fd_, data.data(), max, 0);
  data.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return data;
}

std::optional<std::string> Client::read_line(std::chrono::milliseconds timeout) {
  return testing::read_line(fd_, buffered_, timeout);
}

bool Client::read_until_closed(std::string* rest, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string all = std::move(buffered_);
  buffered_.clear();
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left <= 0ms || !wait_readable(fd_, left)) break;
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
      if (rest) *rest = all;
      return true;
    }
    all.append(chunk, static_cast<std::size_t>(n));
  }
  if (rest) *rest = all;
  return false;
}

void Client::shutdown_send() { ::shutdown(fd_, SHUT_WR); }

std::string converse(Client& client, std::string_view message) {
  client.send(message);
  return client.recv_once().value_or("<timeout>");
}

}  // namespace liaison::testing
