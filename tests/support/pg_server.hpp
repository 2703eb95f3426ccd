// Test support: a real PostgreSQL 15 server of the tests' own, started once
// per test executable (a GoogleTest global environment: initdb costs 2-3 s)
// in a temporary directory, on a free loopback port, and stopped by its PID
// when the executable ends. Each test takes a database of its own.
// Without PostgreSQL installed, every test fails and says what to install.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace liaison::testing {

class PgServer {
 public:
  // The role of every test (trust), and one that needs its password.
  static constexpr const char* user = "liaison_test";
  static constexpr const char* password_user = "liaison_pw";
  static constexpr const char* password = "juste-prix";

  PgServer();  // initdb, then pg_ctl start; throws with the server's log
  ~PgServer();  // pg_ctl stop -m fast on this data directory (its postmaster's PID)
  PgServer(const PgServer&) = delete;
  PgServer& operator=(const PgServer&) = delete;

  std::uint16_t port() const { return port_; }
  // A new, empty database of `owner`'s; returns its name.
  std::string create_database(const std::string& owner = user);
  // postgresql://liaison_test@127.0.0.1:PORT/DATABASE
  std::string uri(const std::string& database) const;

  // A crash, as far as its clients can tell: pg_ctl stop -m immediate (every
  // server process quits at once, no checkpoint; recovery on the next start).
  void stop_immediately();
  // Starts again on the same port, after stop_immediately().
  void start_again();
  // A server that hangs, as its clients see it: its postmaster and every
  // process it started stopped (SIGSTOP, by PID), connections left open,
  // nothing answered -- until thaw() (SIGCONT).
  void freeze();
  void thaw();

 private:
  void run_as_owner(const std::string& program, std::vector<std::string> args);
  void write_hba() const;
  void start();
  void start_on_port();
  void signal_all(int signal_number) const;  // the postmaster and its children

  TempDir dir_;
  std::uint16_t port_ = 0;
  int databases_ = 0;
};

// The running server of this executable (fails the test when there is none).
PgServer& pg_server();

// Registers the server as a global environment: one line in a test file,
// `[[maybe_unused]] auto* const pg = liaison::testing::add_pg_environment();`.
::testing::Environment* add_pg_environment();

}  // namespace liaison::testing
