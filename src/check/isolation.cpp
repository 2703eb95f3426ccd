#include "check/isolation.hpp"

#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace liaison::check {
namespace {

// A new namespace's loopback is down: bring it up, as `ip link set lo up`.
bool loopback_up() {
  const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  ifreq request{};
  std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
  bool up = ioctl(fd, SIOCGIFFLAGS, &request) == 0;
  request.ifr_flags = static_cast<short>(request.ifr_flags | IFF_UP | IFF_RUNNING);
  up = up && ioctl(fd, SIOCSIFFLAGS, &request) == 0;
  close(fd);
  return up;
}

}  // namespace

bool enter_private_network(std::string& error) {
  if (unshare(CLONE_NEWNET) != 0) {
    error = std::string("unshare(CLONE_NEWNET): ") + std::strerror(errno);
    return false;
  }
  if (!loopback_up()) {
    error = std::string("loopback: ") + std::strerror(errno);
    return false;
  }
  return true;
}

bool private_network_available() {
  const pid_t pid = fork();
  if (pid == 0) {
    std::string ignored;
    _exit(enter_private_network(ignored) ? 0 : 1);
  }
  int status = 0;
  return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace liaison::check
