#!/usr/bin/env bash
# Atrium rooms bench: starts the server on a fresh database, creates 100,000 rooms and one room of 1,000
# members, then measures with wrk GET /health (the ceiling), POST /pod/v2/room/search and
# GET /pod/v2/room/{id}/membership/list, and prints the query plans of a room search (EXPLAIN ANALYZE on
# PostgreSQL; EXPLAIN ANALYZE through H2's Shell after the server stopped). See bench/README.md.
# Everything it starts it stops again (the server, the PostgreSQL database it made).
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/rooms.sh [--pg [URL]] [--rooms N] [--members N] [--duration S] [--warmup S]
                      [--connections N] [--threads N] [--profile]

  --pg [URL]         use PostgreSQL instead of H2 (as bench/run.sh: a fresh database, dropped afterwards;
                     default postgresql://postgres@127.0.0.1:5432; env BENCH_PG_URL)
  --rooms N          rooms to create (default 100000; env BENCH_ROOMS)
  --members N        users created and added to the one big room (default 1000; env BENCH_MEMBERS)
  --duration S       seconds of each measurement (default 15)   --warmup S   warm-up seconds (default 3)
  --connections N    wrk connections (default 50)               --threads N  wrk threads (default 2)
  --profile          a JFR profile and a thread dump of the server per measurement
EOF
}

# shellcheck source=args.sh
source "$(dirname "${BASH_SOURCE[0]}")/args.sh"
ROOMS=${BENCH_ROOMS:-100000}
MEMBERS=${BENCH_MEMBERS:-1000}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-3}
CONNECTIONS=50
THREADS=2
parse_args "--rooms=ROOMS --members=MEMBERS --duration=DURATION --warmup=WARMUP --connections=CONNECTIONS --threads=THREADS" "$@"
require_positive ROOMS MEMBERS DURATION WARMUP CONNECTIONS THREADS
RUN_TAG="rooms-"
# shellcheck source=lib.sh
source "$BENCH/lib.sh"

ADMIN_ID=$(curl -fs --max-time 30 -H "sessionToken: $TOKEN" "$BASE/pod/v1/sessioninfo" | sed -n 's/.*"userId":\([0-9]*\).*/\1/p')
[ -n "$ADMIN_ID" ] || die "no session info for the administrator"

log "creating $ROOMS rooms (POST /pod/v2/room/create, 32 connections)"
bulk create-rooms 32 room_create.lua "$TOKEN" "$ROOMS"
ROOMS_SECS=$BULK_SECS
log "created $ROOMS rooms in $ROOMS_SECS s ($(awk -v n="$ROOMS" -v s="$ROOMS_SECS" 'BEGIN {printf "%.0f", n / s}') rooms/s, $BULK_FAILED failed)"
[ "$BULK_FAILED" -eq 0 ] || die "$BULK_FAILED room creations failed (see $OUT/create-rooms.txt)"

read -r HSALT HPASSWORD < <("$JAVA" -cp "$TOOL_CP" "$BENCH/Tool.java" pbkdf2 'bench-Passw0rd!')
log "creating $MEMBERS users (user 0 with a plain password, the others with Symphony PBKDF2 password blocks)"
# create.lua: <token> <count> <login users> <hSalt> <hPassword> <threads> <done dir>
bulk create-users 16 create.lua "$TOKEN" "$MEMBERS" 1 "$HSALT" "$HPASSWORD"
log "created $MEMBERS users in $BULK_SECS s ($BULK_FAILED failed)"
# The measurements search and list as user 0 (james.smith.0@x.io in lua/names.lua), a member of the big
# room only: the administrator created, so owns, every room, which no real searcher does (the search's
# "or a room of mine" semi-join would then name 100,000 rooms).
USER_TOKEN=$(curl -fs --max-time 30 -H 'Content-Type: application/json' \
  -d '{"email":"james.smith.0@x.io","password":"bench-Passw0rd!"}' "$BASE/api/v1/auth/signin" \
  | sed -n 's/.*"session_token":"\([^"]*\)".*/\1/p')
[ -n "$USER_TOKEN" ] || die "user 0 could not sign in"
VIEWER_ID=$(curl -fs --max-time 30 -H "sessionToken: $USER_TOKEN" "$BASE/pod/v1/sessioninfo" | sed -n 's/.*"userId":\([0-9]*\).*/\1/p')
[ -n "$VIEWER_ID" ] || die "no session info for user 0"
curl -fs --max-time 60 -H "sessionToken: $TOKEN" "$BASE/pod/v1/admin/user/list" | tr -d '[] \n' | tr ',' '\n' \
  | grep -v "^$ADMIN_ID\$" >"$TMP/ids.txt" || true
[ "$(wc -l <"$TMP/ids.txt")" -ge "$MEMBERS" ] || die "only $(wc -l <"$TMP/ids.txt") of $MEMBERS users exist"

BIG_ROOM=$(curl -fs --max-time 30 -H "sessionToken: $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"The Great Hall","description":"Everybody","public":true,"discoverable":true}' \
  "$BASE/pod/v2/room/create" | grep -o '"roomSystemInfo":{[^}]*' | grep -o '"id":"[^"]*"' | sed 's/"id":"\(.*\)"/\1/')
[ -n "$BIG_ROOM" ] || die "could not create the big room"
log "adding the $MEMBERS users to room $BIG_ROOM (POST /pod/v1/room/{id}/membership/add, 8 connections)"
bulk add-members 8 member_add.lua "$TOKEN" "$BIG_ROOM" "$TMP/ids.txt"
MEMBERS_SECS=$BULK_SECS
log "added $MEMBERS members in $MEMBERS_SECS s ($BULK_FAILED failed)"
[ "$BULK_FAILED" -eq 0 ] || die "$BULK_FAILED membership adds failed (see $OUT/add-members.txt)"
LISTED=$(curl -fs --max-time 30 -H "sessionToken: $TOKEN" "$BASE/pod/v2/room/$BIG_ROOM/membership/list" | grep -o '"id":' | wc -l)
log "the big room lists $LISTED members"

if [ -n "$PG_DB" ]; then
  # ANALYZE for the planner's statistics, and VACUUM for the visibility map that lets the search's index-only
  # scans skip the heap: a live database has both from autovacuum.
  log "VACUUM (ANALYZE) on $PG_DB"
  PGPASSWORD="$PG_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -qc 'vacuum (analyze)' || die "VACUUM (ANALYZE) failed"
fi

# ---- measurements

measure health 2s "$BASE/health"
measure search 2s "$BASE" room_search.lua "$USER_TOKEN"
measure members 2s "$BASE" member_list.lua "$USER_TOKEN" "$BIG_ROOM"

# ---- one representative search, its answer and its SQL

# Word k of lua/words.lua, in bash.
SYL=(); for c in b d f g k l m n p r s t v z; do for v in a e i o u; do SYL+=("$c$v"); done; done
word() { local k=$1 r=$(($1 % 70)) q=$(($1 / 70)); echo "${SYL[$r]}${SYL[$(((13 * q + 3 * r) % 70))]}${SYL[$(((17 * k + 5) % 70))]}"; }
PREFIX=$(word 123 | cut -c1-4)
curl -fs --max-time 30 -H "sessionToken: $USER_TOKEN" -H 'Content-Type: application/json' -d "{\"query\":\"$PREFIX\"}" \
  "$BASE/pod/v2/room/search" >"$OUT/search-$PREFIX.json" || die "the representative search failed"
MATCHED=$(grep -o '"count":[0-9]*' "$OUT/search-$PREFIX.json" | head -1 | cut -d: -f2)
mapfile -t PAGE_IDS < <(grep -o '"roomSystemInfo":{[^}]*' "$OUT/search-$PREFIX.json" | grep -o '"id":"[^"]*"' | sed 's/"id":"\(.*\)"/\1/')
log "representative search {\"query\":\"$PREFIX\"}: ${MATCHED:-?} rooms match, ${#PAGE_IDS[@]} in the page"
"$JAVA" -cp "$TOOL_CP" "$BENCH/Tool.java" roomsql "$([ -n "$PG_DB" ] && echo POSTGRES || echo H2)" "$VIEWER_ID" "$PREFIX" \
  "${PAGE_IDS[@]}" >"$OUT/search-sql.txt" || die "could not render the search SQL"
mapfile -t SQL <"$OUT/search-sql.txt"
SQL_NAMES=(count page rooms)

PLANS="$OUT/plans.txt"
: >"$PLANS"
if [ -n "$PG_DB" ]; then
  for i in "${!SQL[@]}"; do
    { echo "-- ${SQL_NAMES[$i]}: ${SQL[$i]}"
      PGPASSWORD="$PG_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -qAt \
        -c "explain (analyze, buffers) ${SQL[$i]}"
      echo; } >>"$PLANS" 2>&1
  done
else
  # H2 lets one process open the database file: the server goes first. DATABASE_TO_LOWER as the server opens it.
  log "stopping the server for H2's Shell"
  kill "$SERVER_PID"
  for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  H2_FILE=$(find "$TMP/data" -name '*.mv.db' | head -1)
  [ -n "$H2_FILE" ] || die "no H2 database file under $TMP/data"
  for i in "${!SQL[@]}"; do
    { echo "-- ${SQL_NAMES[$i]}: ${SQL[$i]}"
      "$JAVA" -cp "$JAR" org.h2.tools.Shell -url "jdbc:h2:file:${H2_FILE%.mv.db};IFEXISTS=TRUE;DATABASE_TO_LOWER=TRUE" -user "" -password "" \
        -sql "explain analyze ${SQL[$i]}"
      echo; } >>"$PLANS" 2>&1
  done
fi
if grep -qiE '^(error|psql:)' "$PLANS"; then SCAN="UNKNOWN: a plan failed"
elif grep -qiE 'seq scan|tableScan' "$PLANS"; then SCAN="MISS: a full table scan"; else SCAN="pass: indexes only"; fi

# ---- the table

CORES=$(nproc)
{
  echo "Atrium rooms bench $STAMP on $DB_KIND: $ROOMS rooms (created in ${ROOMS_SECS}s), one room of $MEMBERS members (added in ${MEMBERS_SECS}s, $LISTED listed), wrk $CONNECTIONS connections / $THREADS threads, ${DURATION}s each after ${WARMUP}s warm-up"
  echo "machine: $CORES cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); server and wrk share it; JDK $(java_major "$JAVA"); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  print_table 38 "health=GET /health (ceiling)" "search=POST /pod/v2/room/search" \
    "members=GET /pod/v2/room/{id}/membership/list"
  echo
  echo "search queries: the first 3 to 5 letters of a random word out of 1,000 (lua/words.lua); each word is in about 300 rooms"
  echo "representative search {\"query\":\"$PREFIX\"}: ${MATCHED:-?} rooms match; its SQL (values inlined) and plans, $([ -n "$PG_DB" ] && echo "EXPLAIN (ANALYZE, BUFFERS) through psql" || echo "EXPLAIN ANALYZE through H2's Shell after the server stopped"):"
  echo
  cat "$PLANS"
  echo "no full table scan: $SCAN"
  echo
  echo "raw wrk outputs, server log, SQL and plans: $OUT"
} | tee "$OUT/summary.txt"
