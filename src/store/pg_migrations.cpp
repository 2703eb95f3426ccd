#include "store/pg_migrations.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

namespace liaison::store::pg {
namespace {

// Any number that no other application on the database is likely to lock.
constexpr std::string_view migration_lock = "7022863014529372527";

// Append only: a released step never changes, since databases already ran it.
constexpr std::array<std::string_view, 5> steps{
    // 1: one row per player per finished game (finished_at is written out as
    // SQLite's "2026-12-02T14:03:27.512Z" when read).
    R"sql(
      CREATE TABLE liaison.games (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        finished_at timestamptz NOT NULL DEFAULT now(),
        mode text NOT NULL CHECK (mode IN ('solo', 'round')),
        nickname text CHECK (nickname <> ''),
        round bigint CHECK ((round IS NULL) = (mode = 'solo')),
        min bigint NOT NULL,
        max bigint NOT NULL CHECK (min <= max),
        secret bigint NOT NULL CHECK (secret BETWEEN min AND max),
        found boolean NOT NULL,
        tries integer NOT NULL CHECK (tries >= 0),
        duration_ms bigint NOT NULL CHECK (duration_ms >= 0),
        rank integer NOT NULL CHECK (rank >= 0)
      );
    )sql",
    // 2: one row per player, kept by a trigger, so that the leaderboard reads
    // as many rows as there are players. A player is a nickname whatever its
    // ASCII case, as in the rooms (and SQLite's NOCASE: "É" is not "é"),
    // shown as last spelled. The trigger runs once per INSERT and updates
    // the players in their key's order: two servers writing batches with the
    // same players lock them in the same order and never deadlock.
    R"sql(
      CREATE FUNCTION liaison.player_key(nickname text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN translate(nickname, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');
      CREATE TABLE liaison.players (
        player text COLLATE "C" PRIMARY KEY,
        nickname text NOT NULL,
        rounds_won bigint NOT NULL,
        games_found bigint NOT NULL,
        games bigint NOT NULL,
        tries_found bigint NOT NULL,  -- over the games found
        best_time_ms bigint           -- the fastest find; NULL until one
      );
      -- One aggregation for the games already there and for each new batch.
      CREATE FUNCTION liaison.add_to_players(batch liaison.games[]) RETURNS void LANGUAGE sql AS $body$
        INSERT INTO liaison.players AS p
          SELECT liaison.player_key(nickname), (array_agg(nickname ORDER BY id DESC))[1],
                 count(*) FILTER (WHERE mode = 'round' AND rank = 1), count(*) FILTER (WHERE found), count(*),
                 coalesce(sum(tries) FILTER (WHERE found), 0), min(duration_ms) FILTER (WHERE found)
          FROM unnest(batch) WHERE nickname IS NOT NULL GROUP BY 1 ORDER BY 1
          ON CONFLICT (player) DO UPDATE SET
            nickname = excluded.nickname,
            rounds_won = p.rounds_won + excluded.rounds_won,
            games_found = p.games_found + excluded.games_found,
            games = p.games + excluded.games,
            tries_found = p.tries_found + excluded.tries_found,
            best_time_ms = least(p.best_time_ms, excluded.best_time_ms);  -- least() skips NULLs
      $body$;
      SELECT liaison.add_to_players(array(SELECT g FROM liaison.games AS g));
      CREATE FUNCTION liaison.count_for_players() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        PERFORM liaison.add_to_players(array(SELECT g::liaison.games FROM new_games AS g));
        RETURN NULL;
      END
      $body$;
      CREATE TRIGGER games_count_for_players AFTER INSERT ON liaison.games
        REFERENCING NEW TABLE AS new_games FOR EACH STATEMENT EXECUTE FUNCTION liaison.count_for_players();
    )sql",
    // 3: every INSERT of games notifies the servers that LISTEN (pg_watch.hpp),
    // in its own transaction: the hint arrives once the games are committed,
    // never before, and never for games rolled back.
    R"sql(
      CREATE FUNCTION liaison.notify_games() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        PERFORM pg_notify('liaison_games', '');
        RETURN NULL;
      END
      $body$;
      CREATE TRIGGER games_notify AFTER INSERT ON liaison.games
        FOR EACH STATEMENT EXECUTE FUNCTION liaison.notify_games();
    )sql",
    // 4: one round across servers (pg_room.hpp). A room is one row, the
    // truth every server reads: its round, secret and phase, the deadline of
    // the grace time or the pause (the database's clock), how many found it
    // (the conditional write that ranks a finder), and which server keeps
    // its clock until when (the lease). Each find of the round is a row that
    // every server tells its players. Every change of round, phase or finders
    // notifies `liaison_rooms` in its own transaction: "NAME ROUND PHASE FINDERS".
    R"sql(
      CREATE TABLE liaison.rooms (
        name text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 100),  -- within a NOTIFY's payload
        min bigint NOT NULL,
        max bigint NOT NULL CHECK (min <= max),
        round bigint NOT NULL CHECK (round >= 1),
        secret bigint NOT NULL CHECK (secret BETWEEN min AND max),
        phase text NOT NULL CHECK (phase IN ('playing', 'grace', 'pause')),
        deadline timestamptz CHECK ((deadline IS NULL) = (phase = 'playing')),
        finders integer NOT NULL DEFAULT 0 CHECK (finders >= 0),
        lease_owner text,
        lease_expiry timestamptz CHECK ((lease_owner IS NULL) = (lease_expiry IS NULL))
      );
      CREATE TABLE liaison.room_finds (
        room text NOT NULL REFERENCES liaison.rooms ON DELETE CASCADE,
        round bigint NOT NULL,
        rank integer NOT NULL CHECK (rank >= 1),
        server text NOT NULL,
        nickname text NOT NULL CHECK (nickname <> ''),
        tries integer NOT NULL CHECK (tries >= 1),
        time_ms bigint NOT NULL CHECK (time_ms >= 0),
        PRIMARY KEY (room, round, rank)
      );
      CREATE FUNCTION liaison.notify_rooms() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        PERFORM pg_notify('liaison_rooms', concat_ws(' ', NEW.name, NEW.round, NEW.phase, NEW.finders));
        RETURN NULL;
      END
      $body$;
      CREATE TRIGGER rooms_notify_insert AFTER INSERT ON liaison.rooms
        FOR EACH ROW EXECUTE FUNCTION liaison.notify_rooms();
      CREATE TRIGGER rooms_notify_update AFTER UPDATE ON liaison.rooms
        FOR EACH ROW WHEN ((OLD.round, OLD.phase, OLD.finders) IS DISTINCT FROM (NEW.round, NEW.phase, NEW.finders))
        EXECUTE FUNCTION liaison.notify_rooms();
    )sql",
    // 5: a room's grace time and pause, so that every server plays the same
    // round length (the finder's server starts the grace time, the clock's
    // owner the pause). Rooms made before this step get them from the next
    // server that joins. And each server's count of players still searching
    // the round (`seen`: its last sign of life), so that a round everyone
    // has found ends without waiting for its grace time.
    R"sql(
      ALTER TABLE liaison.rooms
        ADD COLUMN grace_ms bigint CHECK (grace_ms >= 0),
        ADD COLUMN pause_ms bigint CHECK (pause_ms >= 0);
      CREATE TABLE liaison.room_servers (
        room text NOT NULL REFERENCES liaison.rooms (name) ON DELETE CASCADE,
        server text NOT NULL,
        round bigint NOT NULL,
        searching integer NOT NULL CHECK (searching >= 0),
        seen timestamptz NOT NULL,
        PRIMARY KEY (room, server)
      );
    )sql",
};

// Version 0: the schema and its version table, before any step.
constexpr std::string_view bootstrap = R"sql(
  CREATE SCHEMA IF NOT EXISTS liaison;
  CREATE TABLE IF NOT EXISTS liaison.schema_version (
    one_row boolean PRIMARY KEY DEFAULT true CHECK (one_row),
    version integer NOT NULL CHECK (version >= 0)
  );
  INSERT INTO liaison.schema_version (version) VALUES (0) ON CONFLICT DO NOTHING;
)sql";

void check_known(int version) {
  if (version > latest_schema_version())
    throw Error(fmt::format("scores schema version {} is newer than this liaison knows ({}): use a newer liaison",
                            version, latest_schema_version()));
}

}  // namespace

int latest_schema_version() { return static_cast<int>(steps.size()); }

int schema_version(Client& client) {
  const Result found =
      client.query("SELECT to_regnamespace('liaison') IS NOT NULL, to_regclass('liaison.schema_version') IS NOT NULL");
  if (!found.boolean(0, 1)) {
    if (found.boolean(0, 0)) throw Error("the database has a schema \"liaison\" that is not liaison's scores");
    return 0;
  }
  return static_cast<int>(client.query("SELECT version FROM liaison.schema_version").int64(0, 0));
}

void migrate(Client& client, int target) {
  const int wanted = std::min(target, latest_schema_version());
  const int found = schema_version(client);
  check_known(found);
  if (found >= wanted) return;  // the usual case: no lock, no write
  Transaction transaction(client);
  client.query("SELECT pg_advisory_xact_lock($1)", {std::string(migration_lock)});
  client.query(bootstrap);
  // Read again under the lock: another server may have migrated meanwhile.
  const int current = static_cast<int>(client.query("SELECT version FROM liaison.schema_version").int64(0, 0));
  check_known(current);
  for (int version = current + 1; version <= wanted; ++version)
    client.query(steps[static_cast<std::size_t>(version - 1)]);
  if (current < wanted)
    client.query("UPDATE liaison.schema_version SET version = $1", {std::to_string(wanted)});
  transaction.commit();
}

}  // namespace liaison::store::pg
