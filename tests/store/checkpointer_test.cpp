// The background checkpointer on a real WAL file: commits never checkpoint
// themselves, the checkpointer's thread does once the log is long enough,
// and nothing written is lost.
#include "store/checkpointer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "store/sqlite.hpp"
#include "support/temp_dir.hpp"

namespace liaison::store {
namespace {

using namespace std::chrono_literals;

void insert_rows(sqlite::Database& db, int transactions) {
  const std::string row(2000, 'x');  // about half a page each
  for (int i = 0; i < transactions; ++i) {
    db.execute("BEGIN");
    for (int j = 0; j < 4; ++j) db.execute("INSERT INTO t VALUES ('" + row + "')");
    db.execute("COMMIT");
  }
}

TEST(Checkpointer, ALongLogIsCheckpointedBesideTheWriter) {
  testing::TempDir dir;
  const std::string path = (dir / "wal.db").string();
  sqlite::Database writer(path, sqlite::OpenMode::create);
  writer.execute("PRAGMA journal_mode = WAL; CREATE TABLE t (v TEXT)");
  {
    const auto file_size = std::filesystem::file_size(path);  // the schema's page(s), the rest is in the log
    Checkpointer checkpointer(writer, 20);
    insert_rows(writer, 2);  // a few pages: not yet
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(checkpointer.frames_copied(), 0);
    insert_rows(writer, 20);  // well over 20 pages
    for (int i = 0; i < 500 && checkpointer.frames_copied() == 0; ++i) std::this_thread::sleep_for(10ms);
    EXPECT_GE(checkpointer.frames_copied(), 20);
    // Copied into the database file itself, while the writer is still open.
    EXPECT_GT(std::filesystem::file_size(path), file_size + 20 * 1024);
    insert_rows(writer, 5);  // the writer goes on as before
  }
  EXPECT_EQ(writer.query_int("SELECT count(*) FROM t"), 27 * 4);
  sqlite::Database reader(path, sqlite::OpenMode::existing);
  EXPECT_EQ(reader.query_int("SELECT count(*) FROM t"), 27 * 4);
}

}  // namespace
}  // namespace liaison::store
