#include "support/scripted_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include "support/client.hpp"

namespace liaison::testing {

ScriptedServer::ScriptedServer() {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), size) != 0 || ::listen(listener_, 1) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size) != 0)
    throw std::runtime_error("cannot listen");
  port_ = ntohs(address.sin_port);
}

ScriptedServer::~ScriptedServer() {
  close_connection();
  ::close(listener_);
}

bool ScriptedServer::accept() {
  if (!wait_readable(listener_, 5s)) return false;
  connection_ = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
  return connection_ >= 0;
}

void ScriptedServer::send(std::string_view bytes) { ::send(connection_, bytes.data(), bytes.size(), MSG_NOSIGNAL); }

std::optional<std::string> ScriptedServer::recv_once(std::chrono::milliseconds timeout) {
  if (!wait_readable(connection_, timeout)) return std::nullopt;
  std::string data(1024, '\0');
  const ssize_t size = ::recv(connection_, data.data(), data.size(), 0);
  data.resize(size > 0 ? static_cast<std::size_t>(size) : 0);
  return data;
}

std::optional<std::string> ScriptedServer::recv_line(std::chrono::milliseconds timeout) {
  return read_line(connection_, received_, timeout);
}

void ScriptedServer::close_connection() {
  if (connection_ >= 0) ::close(connection_);
  connection_ = -1;
}

std::string closed_port() {
  ScriptedServer server;  // listening, then closed: nobody there any more
  return server.port();
}

}  // namespace liaison::testing
