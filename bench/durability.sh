#!/usr/bin/env bash
# Atrium durability bench: kills the server (kill -9) while clients create users, restarts it on the same
# database and counts the acknowledged users that are gone, on H2 and on PostgreSQL; with --cost, measures
# what H2's durable settings cost in user creations per second. See bench/README.md. Everything it starts it
# stops again (the servers, the PostgreSQL databases it made).
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/durability.sh [--cycles N] [--writers N] [--min-writes N] [--max-writes N] [--db h2|pg|both]
                           [--h2-url URL] [--cost S] [--pg URL]

  --cycles N       kills per database (default 10; env BENCH_CYCLES)
  --writers N      clients creating users at once (default 8)
  --min-writes N   a kill comes once the server has acknowledged a random number of users between
  --max-writes N   these two, counted from its start (defaults 50 and 400)
  --db WHICH       h2, pg or both (default both)
  --h2-url URL     the H2 URL to test instead of the default one, {data} standing for the data directory:
                   'jdbc:h2:nio:{data}/atrium;WRITE_DELAY=500;REUSE_SPACE=TRUE' is H2 as Atrium opened it before
  --cost S         instead of killing: user creations per second over S seconds (after 5 s warm-up) on
                   in-memory H2 (the ceiling), H2 as before (write delay 500 ms), H2 writing each commit
                   without sync, H2 durable (the default) and PostgreSQL
  --pg URL         the PostgreSQL server, postgresql://USER[:PASSWORD]@HOST[:PORT]
                   (default postgresql://postgres@127.0.0.1:5432; env BENCH_PG_URL)

The server runs with ATRIUM_PASSWORD_HASH=m=64,t=1,p=1 (creations measure the store, not Argon2) and rate
limits off. Each run's server logs go to bench/results/<time>-durability/.
EOF
}

# shellcheck source=args.sh
source "$(dirname "${BASH_SOURCE[0]}")/args.sh"
CYCLES=${BENCH_CYCLES:-10}
WRITERS=8
MIN_WRITES=50
MAX_WRITES=400
DB=both
H2_URL=""
COST_SECS=""
parse_args "--cycles=CYCLES --writers=WRITERS --min-writes=MIN_WRITES --max-writes=MAX_WRITES --db=DB \
  --h2-url=H2_URL --cost=COST_SECS" "$@"
require_positive CYCLES WRITERS MIN_WRITES MAX_WRITES
[ "$MIN_WRITES" -le "$MAX_WRITES" ] || { echo "bench: --min-writes must not exceed --max-writes" >&2; exit 2; }
[[ "$DB" =~ ^(h2|pg|both)$ ]] || { echo "bench: --db is h2, pg or both" >&2; exit 2; }
[ -z "$COST_SECS" ] || require_positive COST_SECS
if [ "$DB" != h2 ] && [ -z "$PG_URL" ]; then PG_URL="postgresql://postgres@127.0.0.1:5432"; fi
# The probe runs from testkit's classes, which the jar's build makes: without them, build again.
[ -f "$ROOT/testkit/target/classes/dev/atrium/testkit/CrashProbe.class" ] || rm -f "$JAR"
# shellcheck source=tools.sh
source "$BENCH/tools.sh"

STAMP=$(date +%Y%m%d-%H%M%S)
OUT="$BENCH/results/$STAMP-durability"
mkdir -p "$OUT"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/atrium-durability-XXXXXX")
PG_DBS=()
TOOL_PID=""
cleanup() {
  local status=$?
  set +e
  trap - EXIT INT TERM
  # The probe stops its server when it ends; stopped mid-cycle, it may leave one: each probe runs in a process
  # group of its own (setsid), its server in it, and the group goes.
  [ -n "$TOOL_PID" ] && kill -9 -- "-$TOOL_PID" 2>/dev/null
  for db in "${PG_DBS[@]}"; do
    pg_admin -c "drop database if exists $db with (force)" >/dev/null 2>&1 || log "could not drop database $db"
  done
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

ADMIN_PASSWORD="bench-admin-$RANDOM$RANDOM"
# server_env NAME URL: the settings of a server on data dir $TMP/NAME and database URL (empty: the default H2).
server_env() {
  local name=$1 url=$2
  SERVER_ENV=(ATRIUM_HOST=127.0.0.1 ATRIUM_DATA_DIR="$TMP/$name" ATRIUM_PASSWORD_HASH=m=64,t=1,p=1
    ATRIUM_ADMIN_EMAIL=admin@bench.local ATRIUM_ADMIN_PASSWORD="$ADMIN_PASSWORD" ATRIUM_RATE_LIMITS=off)
  [ -n "$url" ] && SERVER_ENV+=(ATRIUM_DB_URL="${url//\{data\}/$TMP/$name}")
  if [[ "$url" == jdbc:postgresql:* ]]; then
    SERVER_ENV+=(ATRIUM_DB_USER="$PG_USER")
    [ -n "$PG_PASSWORD" ] && SERVER_ENV+=(ATRIUM_DB_PASSWORD="$PG_PASSWORD")
  fi
  mkdir -p "$TMP/$name"
}
# fresh_pg: a new database on the PostgreSQL server, dropped on exit; prints its JDBC URL.
fresh_pg() {
  local db
  db="atrium_bench_$(date +%s%N)_$$"
  pg_admin -c "create database $db" >/dev/null || die "could not create a database on $PG_HOST:$PG_PORT"
  PG_DBS+=("$db")
  PG_JDBC="jdbc:postgresql://$PG_HOST:$PG_PORT/$db"
}
# tool NAME ARGS...: runs a probe of Tool.java against a server started as "java -jar atrium.jar" on $SERVER_ENV,
# its output into $OUT/NAME.txt and the server's into $OUT/NAME-server.log.
tool() {
  local name=$1; shift
  setsid env -u ATRIUM_DB_URL -u ATRIUM_DB_USER -u ATRIUM_DB_PASSWORD "${SERVER_ENV[@]}" \
    "$JAVA" -cp "$TOOL_CP" "$BENCH/Tool.java" "$@" "$OUT/$name-server.log" -- "$JAVA" -Xmx512m -jar "$JAR" \
    >"$OUT/$name.txt" 2>"$OUT/$name-tool.log" &
  TOOL_PID=$!
  wait "$TOOL_PID" || { tail -20 "$OUT/$name-tool.log" >&2; die "$name: the probe failed (see $OUT)"; }
  TOOL_PID=""
}

log "JDK: $JAVA ($("$JAVA" -version 2>&1 | head -1)); results in $OUT"
uptime | sed 's/^/[bench] machine:/' >&2

if [ -n "$COST_SECS" ]; then
  log "user creations per second, $WRITERS clients, 5 s warm-up, $COST_SECS s measured, each on a fresh database"
  declare -A RATE SIZE
  kinds=(mem old written durable)
  [ "$DB" != h2 ] && kinds+=(postgresql)
  for kind in "${kinds[@]}"; do
    case $kind in
      mem) url="jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1" ;;
      old) url="jdbc:h2:nio:{data}/atrium;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=500;REUSE_SPACE=TRUE" ;;
      written) url="jdbc:h2:nio:{data}/atrium;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" ;;
      durable) url="" ;;
      postgresql) fresh_pg; url=$PG_JDBC ;;
    esac
    server_env "$kind" "$url"
    tool "cost-$kind" writes "$WRITERS" 5 "$COST_SECS"
    RATE[$kind]=$(sed -n 's/^writes_per_s=//p' "$OUT/cost-$kind.txt")
    # H2 compacts its file in a background thread that WRITE_DELAY=0 does without: watch the file's size.
    SIZE[$kind]=$(du -sk "$TMP/$kind" | awk '{print $1}')
    log "$kind: ${RATE[$kind]} users/s"
  done
  {
    printf '%-12s %-66s %8s %7s %9s\n' database what users/s "of mem" "data KB"
    for kind in "${kinds[@]}"; do
      case $kind in
        mem) what="in-memory H2: the ceiling" ;;
        old) what="H2 file, write delay 500 ms (Atrium before; kill -9 loses)" ;;
        written) what="H2 file on nio:, each commit appended, not synced" ;;
        durable) what="H2 file on fsync:, each commit appended and synced (default)" ;;
        postgresql) what="PostgreSQL, its defaults (fsync, synchronous_commit on)" ;;
      esac
      printf '%-12s %-66s %8s %6s%% %9s\n' "$kind" "$what" "${RATE[$kind]}" \
        "$(awk -v a="${RATE[$kind]}" -v m="${RATE[mem]}" 'BEGIN {printf "%.0f", (m > 0 ? 100 * a / m : 0)}')" \
        "$([ "$kind" = postgresql ] && echo - || echo "${SIZE[$kind]}")"
    done
  } | tee "$OUT/summary.txt"
  exit 0
fi

log "$CYCLES kills per database, $WRITERS clients, each kill after $MIN_WRITES to $MAX_WRITES acknowledged users"
declare -A ACK LOST REUSED
dbs=()
[ "$DB" != pg ] && dbs+=(h2)
[ "$DB" != h2 ] && dbs+=(postgresql)
for db in "${dbs[@]}"; do
  if [ "$db" = h2 ]; then
    server_env h2 "$H2_URL"
    log "h2: ${H2_URL:-the default (H2 in the data directory)}"
  else
    fresh_pg
    server_env postgresql "$PG_JDBC"
    log "postgresql: $PG_JDBC ($(pg_admin -c 'show server_version'), fsync $(pg_admin -c 'show fsync'))"
  fi
  tool "$db" kill "$CYCLES" "$WRITERS" "$MIN_WRITES" "$MAX_WRITES"
  sed "s/^/$db /" "$OUT/$db.txt" >&2
  # Each restart checks every user acknowledged so far: the last cycle's lost and reused are the run's.
  read -r "ACK[$db]" "LOST[$db]" "REUSED[$db]" \
    < <(awk '{a += $4; l = $6; r = $8} END {print a + 0, l + 0, r + 0}' "$OUT/$db.txt")
  [ "$(wc -l <"$OUT/$db.txt")" -eq "$CYCLES" ] || die "$db: the probe stopped early (see $OUT/$db-server.log)"
done
{
  printf '%-11s %7s %13s %6s %7s\n' database kills acknowledged lost reused
  for db in "${dbs[@]}"; do
    printf '%-11s %7s %13s %6s %7s\n' "$db" "$CYCLES" "${ACK[$db]}" "${LOST[$db]}" "${REUSED[$db]}"
  done
} | tee "$OUT/summary.txt"
