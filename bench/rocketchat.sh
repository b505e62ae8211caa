#!/usr/bin/env bash
# Atrium Rocket.Chat bench: starts the server on a fresh database, creates users and puts one of them in
# 500 rooms, then measures with wrk GET /health (the ceiling), GET /api/v1/users.info?userId=<random user> and
# GET /api/v1/users.info?userId=<that user>&includeUserRooms=true (the user himself, so every room with its unread
# count), and on PostgreSQL counts the table scans one users.info with rooms makes. See bench/README.md.
# Everything it starts it stops again (the server, the PostgreSQL database it made).
set -euo pipefail

usage() {
  cat <<'EOF2'
usage: bench/rocketchat.sh [--pg [URL]] [--users N] [--rooms N] [--duration S] [--warmup S]
                           [--connections N] [--threads N] [--profile]

  --pg [URL]         use PostgreSQL instead of H2 (as bench/run.sh: a fresh database, dropped afterwards;
                     default postgresql://postgres@127.0.0.1:5432; env BENCH_PG_URL)
  --users N          users to create (default 1000; env BENCH_USERS)
  --rooms N          rooms of the user whose rooms are read (default 500; env BENCH_ROOMS)
  --duration S       seconds of each measurement (default 15)   --warmup S   warm-up seconds (default 3)
  --connections N    wrk connections (default 50)               --threads N  wrk threads (default 2)
  --profile          a JFR profile and a thread dump of the server per measurement
EOF2
}

# shellcheck source=args.sh
source "$(dirname "${BASH_SOURCE[0]}")/args.sh"
USERS=${BENCH_USERS:-1000}
ROOMS=${BENCH_ROOMS:-500}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-3}
CONNECTIONS=50
THREADS=2
parse_args "--users=USERS --rooms=ROOMS --duration=DURATION --warmup=WARMUP --connections=CONNECTIONS --threads=THREADS" "$@"
require_positive USERS ROOMS DURATION WARMUP CONNECTIONS THREADS
RUN_TAG="rocketchat-"
# shellcheck source=lib.sh
source "$BENCH/lib.sh"

ADMIN_ID=$(curl -fs --max-time 30 -H "sessionToken: $TOKEN" "$BASE/pod/v1/sessioninfo" | sed -n 's/.*"userId":\([0-9]*\).*/\1/p')
[ -n "$ADMIN_ID" ] || die "no session info for the administrator"

read -r HSALT HPASSWORD < <("$JAVA" -cp "$TOOL_CP" "$BENCH/Tool.java" pbkdf2 'bench-Passw0rd!')
log "creating $USERS users (user 0 with a plain password, the others with Symphony PBKDF2 password blocks)"
# create.lua: <token> <count> <login users> <hSalt> <hPassword> <threads> <done dir>
bulk create-users 16 create.lua "$TOKEN" "$USERS" 1 "$HSALT" "$HPASSWORD"
log "created $USERS users in $BULK_SECS s ($BULK_FAILED failed)"
[ "$BULK_FAILED" -eq 0 ] || die "$BULK_FAILED user creations failed (see $OUT/create-users.txt)"

# User 0 (james.smith.0@x.io in lua/names.lua) signs in through Rocket.Chat's login.
LOGIN=$(curl -fs --max-time 30 -H 'Content-Type: application/json' \
  -d '{"user":"james.smith.0@x.io","password":"bench-Passw0rd!"}' "$BASE/api/v1/login")
USER_ID=$(sed -n 's/.*"userId":"\([^"]*\)".*/\1/p' <<<"$LOGIN")
USER_TOKEN=$(sed -n 's/.*"authToken":"\([^"]*\)".*/\1/p' <<<"$LOGIN")
[ -n "$USER_ID" ] && [ -n "$USER_TOKEN" ] || die "user 0 could not log in: $LOGIN"
curl -fs --max-time 60 -H "sessionToken: $TOKEN" "$BASE/pod/v1/admin/user/list" | tr -d '[] \n' | tr ',' '\n' \
  | grep -v "^$ADMIN_ID\$" >"$TMP/ids.txt" || true
[ "$(wc -l <"$TMP/ids.txt")" -ge "$USERS" ] || die "only $(wc -l <"$TMP/ids.txt") of $USERS users exist"

log "creating $ROOMS private rooms as user 0 (POST /pod/v2/room/create, 16 connections)"
bulk create-rooms 16 room_create.lua "$USER_TOKEN" "$ROOMS" private
log "created $ROOMS rooms in $BULK_SECS s ($BULK_FAILED failed)"
[ "$BULK_FAILED" -eq 0 ] || die "$BULK_FAILED room creations failed (see $OUT/create-rooms.txt)"

ROOMS_QUERY="userId=$USER_ID&includeUserRooms=true"
curl -fs --max-time 30 -H "X-User-Id: $USER_ID" -H "X-Auth-Token: $USER_TOKEN" \
  "$BASE/api/v1/users.info?$ROOMS_QUERY" >"$OUT/info-rooms.json" || die "users.info with rooms failed"
LISTED=$(grep -o '"rid":' "$OUT/info-rooms.json" | wc -l)
UNREAD=$({ grep -o '"unread":[1-9][0-9]*' "$OUT/info-rooms.json" || true; } | wc -l)
log "users.info with rooms lists $LISTED rooms"
[ "$LISTED" -eq "$ROOMS" ] || die "users.info with rooms lists $LISTED rooms, not $ROOMS (see $OUT/info-rooms.json)"

if [ -n "$PG_DB" ]; then
  log "VACUUM (ANALYZE) on $PG_DB"
  PGPASSWORD="$PG_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -qc 'vacuum (analyze)' || die "VACUUM (ANALYZE) failed"
fi

# ---- measurements

measure health 2s "$BASE/health"
measure info 2s "$BASE" rc_info.lua "$USER_ID" "$USER_TOKEN" "$TMP/ids.txt"
measure rooms 2s "$BASE" rc_info.lua "$USER_ID" "$USER_TOKEN" - "$ROOMS_QUERY"

# ---- how many table reads one users.info with rooms makes: PostgreSQL counts every scan of a table (sequential
#      or by index) in pg_stat_user_tables, so one query per room would show as hundreds. H2 keeps no such count.

QUERIES="-"
if [ -n "$PG_DB" ]; then
  stat() { PGPASSWORD="$PG_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -qAt \
    -c "select coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0) from pg_stat_user_tables"; }
  sleep 1; s0=$(stat)
  for _ in $(seq 1 20); do
    curl -fs --max-time 30 -H "X-User-Id: $USER_ID" -H "X-Auth-Token: $USER_TOKEN" "$BASE/api/v1/users.info?$ROOMS_QUERY" >/dev/null
  done
  sleep 1; s1=$(stat)
  QUERIES=$(awk -v a="$s0" -v b="$s1" 'BEGIN {printf "%.1f", (b - a) / 20}')
fi

# ---- the table

CORES=$(nproc)
{
  echo "Atrium Rocket.Chat bench $STAMP on $DB_KIND: $USERS users, user 0 in $ROOMS rooms ($LISTED listed by users.info, $UNREAD with unread), wrk $CONNECTIONS connections / $THREADS threads, ${DURATION}s each after ${WARMUP}s warm-up"
  echo "machine: $CORES cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); server and wrk share it; JDK $(java_major "$JAVA"); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  print_table 52 "health=GET /health (ceiling)" "info=GET /api/v1/users.info?userId=" \
    "rooms=GET /api/v1/users.info ($ROOMS rooms, includeUserRooms)"
  echo
  echo "goals: users.info >= 0.5 x /health with p99 <= 10 ms; with $ROOMS rooms p99 <= 20 ms"
  echo "table scans per users.info with $ROOMS rooms (PostgreSQL's pg_stat_user_tables, over 20 requests): $QUERIES"
  echo "raw wrk outputs, server log and one users.info with rooms: $OUT"
} | tee "$OUT/summary.txt"
