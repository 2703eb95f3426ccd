#include "support/pg_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "store/pg_client.hpp"
#include "support/process.hpp"

namespace liaison::testing {
namespace {

const std::string bin = "/usr/lib/postgresql/15/bin/";
std::unique_ptr<PgServer> running;
std::string failure;  // why there is no server

// A port free right now on loopback (another program may take it before the
// server does: start() then tries another).
std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("no free port on 127.0.0.1");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

class PgEnvironment final : public ::testing::Environment {
 public:
  void SetUp() override {
    try {
      running = std::make_unique<PgServer>();
    } catch (const std::exception& error) {
      failure = error.what();
      ADD_FAILURE() << failure;
    }
  }
  void TearDown() override { running.reset(); }
};

}  // namespace

PgServer::PgServer() {
  if (!std::filesystem::exists(bin + "initdb"))
    throw std::runtime_error("PostgreSQL 15 is not installed (no " + bin +
                             "initdb): these tests need a real server; run scripts/setup --tests (postgresql-15)");
  // initdb refuses to run as root: the server then belongs to `postgres`.
  if (::geteuid() == 0) {
    const passwd* owner = ::getpwnam("postgres");
    if (!owner || ::chown(dir_.path().c_str(), owner->pw_uid, owner->pw_gid) != 0)
      throw std::runtime_error("cannot give " + dir_.path().string() + " to the user postgres");
  }
  run_as_owner(bin + "initdb", {"-D", (dir_ / "data").string(), "-U", user, "-A", "trust", "-E", "UTF8",
                                "--locale=C", "--no-sync"});
  write_hba();
  start();
  store::pg::Client admin(uri("postgres"));
  admin.query(std::string("CREATE ROLE ") + password_user + " LOGIN PASSWORD '" + password + "'");
}

PgServer::~PgServer() {
  try {
    run_as_owner(bin + "pg_ctl", {"stop", "-D", (dir_ / "data").string(), "-m", "fast", "-w"});
  } catch (const std::exception&) {
    // pg_ctl could not: the postmaster's own PID, first line of postmaster.pid.
    const std::string pid = read_file(dir_ / "data" / "postmaster.pid");
    if (!pid.empty()) ::kill(static_cast<pid_t>(std::stol(pid)), SIGQUIT);
  }
}

std::string PgServer::create_database(const std::string& owner) {
  const std::string name = "test_" + std::to_string(++databases_);
  // A name of ours (no value of a test's) and an identifier: SQL takes no
  // parameter there.
  store::pg::Client(uri("postgres")).query("CREATE DATABASE " + name + " OWNER " + owner);
  return name;
}

std::string PgServer::uri(const std::string& database) const {
  return "postgresql://" + std::string(user) + "@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

void PgServer::run_as_owner(const std::string& program, std::vector<std::string> args) {
  std::string command = program;
  if (::geteuid() == 0) {
    args.insert(args.begin(), {"-u", "postgres", "--", program});
    command = "/usr/sbin/runuser";
  }
  Process process(command, args);
  const int code = process.wait(60s);
  if (code != 0)
    throw std::runtime_error(program + " failed (" + std::to_string(code) + "): " + process.stderr_text() +
                             process.read_stdout_until("\n", 0ms));
}

// Trust for the tests' role; a password for the other one.
void PgServer::write_hba() const {
  std::ofstream(dir_ / "pg_hba.conf") << "local all all trust\n"
                                      << "host all " << password_user << " 127.0.0.1/32 scram-sha-256\n"
                                      << "host all all 127.0.0.1/32 trust\n";
}

void PgServer::start() {
  for (int attempt = 1;; ++attempt) {
    port_ = free_port();
    try {
      start_on_port();
      return;
    } catch (const std::exception& error) {
      if (attempt == 3) throw std::runtime_error(error.what() + read_file(dir_ / "server.log"));
    }
  }
}

void PgServer::start_on_port() {
  const std::string options = "-p " + std::to_string(port_) + " -k " + dir_.path().string() +
                              " -c listen_addresses=127.0.0.1 -c hba_file=" + (dir_ / "pg_hba.conf").string() +
                              " -c fsync=off -c full_page_writes=off";
  run_as_owner(bin + "pg_ctl", {"start", "-w", "-D", (dir_ / "data").string(), "-l", (dir_ / "server.log").string(),
                                "-o", options});
}

void PgServer::stop_immediately() {
  run_as_owner(bin + "pg_ctl", {"stop", "-D", (dir_ / "data").string(), "-m", "immediate", "-w"});
}

void PgServer::start_again() { start_on_port(); }

void PgServer::freeze() { signal_all(SIGSTOP); }
void PgServer::thaw() { signal_all(SIGCONT); }

void PgServer::signal_all(int signal_number) const {
  const std::string first_line = read_file(dir_ / "data" / "postmaster.pid");
  if (first_line.empty()) throw std::runtime_error("no postmaster.pid: the server is not running");
  const pid_t postmaster = static_cast<pid_t>(std::stol(first_line));
  std::vector<pid_t> pids{postmaster};
  // Its children: the 4th field of /proc/PID/stat is the parent's PID (the
  // 2nd, the command, is in parentheses and may hold spaces: read after it).
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string stat = read_file(entry.path() / "stat");
    const std::size_t after_command = stat.rfind(')');
    if (after_command == std::string::npos) continue;
    std::istringstream fields(stat.substr(after_command + 1));
    std::string state;
    pid_t parent = 0;
    if (fields >> state >> parent && parent == postmaster) pids.push_back(static_cast<pid_t>(std::stol(name)));
  }
  for (const pid_t pid : pids) ::kill(pid, signal_number);
}

PgServer& pg_server() {
  if (!running) throw std::runtime_error("no PostgreSQL server for the tests: " + failure);
  return *running;
}

::testing::Environment* add_pg_environment() { return ::testing::AddGlobalTestEnvironment(new PgEnvironment); }

}  // namespace liaison::testing
