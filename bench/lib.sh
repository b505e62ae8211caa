# Sourced by run.sh, rooms.sh and sockets.sh: tools, the jar, the run's places and cleanup, the server and the
# administrator's session. Expects BENCH, STAMP, DB_KIND, COST and friends set by the caller, and
# RUN_TAG (a results-directory infix such as "rooms-", empty for run.sh).

COST=${ATRIUM_PASSWORD_HASH:-$DEFAULT_COST}

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---- tools: a JDK 25, wrk, curl

java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }
find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  for d in /usr/lib/jvm/*25*; do candidates+=("$d/bin/java"); done
  command -v java >/dev/null && candidates+=("$(command -v java)")
  for j in "${candidates[@]}"; do
    if [ -x "$j" ]; then
      local v; v=$(java_major "$j")
      if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then echo "$j"; return 0; fi
    fi
  done
  return 1
}
JAVA=$(find_java) || die "no JDK 25 found (set JAVA_HOME, or install one under /usr/lib/jvm)"
JAVA_BIN=$(dirname "$JAVA")
command -v curl >/dev/null || die "curl is needed"
if ! command -v wrk >/dev/null; then
  log "installing wrk (Debian package)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get install -y wrk >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y wrk >/dev/null; } \
    || die "could not install wrk"
fi
if [ -n "$PG_URL" ]; then
  command -v psql >/dev/null || die "--pg needs psql (apt-get install postgresql-client)"
  [[ "$PG_URL" =~ ^postgres(ql)?://([^:@/]+)(:([^@/]*))?@([^:/]+)(:([0-9]+))?/?$ ]] \
    || die "--pg wants postgresql://USER[:PASSWORD]@HOST[:PORT], got '$PG_URL'"
  PG_USER=${BASH_REMATCH[2]}; PG_PASSWORD=${BASH_REMATCH[4]}; PG_HOST=${BASH_REMATCH[5]}; PG_PORT=${BASH_REMATCH[7]:-5432}
fi

# ---- the jar: built only when missing or older than a source

stale=""
if [ -f "$JAR" ]; then
  stale=$(find "$ROOT" \( -path "$ROOT/.git" -o -path "$ROOT/bench" -o -name target \) -prune -o -type f \
    \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) -newer "$JAR" -print -quit)
fi
if [ ! -f "$JAR" ] || [ -n "$stale" ]; then
  log "building $JAR${stale:+ ($stale is newer)}"
  # The shade plugin replaces server's own jar with the fat one; when no class of server changed, the jar plugin
  # keeps that file, and the shade plugin would then take the old copies of the other modules' classes from it.
  rm -f "$JAR" "$(dirname "$JAR")/original-$(basename "$JAR")"
  (cd "$ROOT" && { mvn -B -q -o -DskipTests package || mvn -B -q -DskipTests package; }) >&2 || die "the build failed"
fi

# ---- the run's places, and the cleanup that undoes them

STAMP=$(date +%Y%m%d-%H%M%S)
DB_KIND=h2; [ -n "$PG_URL" ] && DB_KIND=postgresql
OUT="$BENCH/results/$STAMP-${RUN_TAG:-}$DB_KIND"
mkdir -p "$OUT"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/atrium-${RUN_TAG:-bench-}XXXXXX")
SERVER_PID=""
PG_DB=""
WRK_PID=""
CLIENT_PID=""  # another client process of the caller's (sockets.sh's Node clients), stopped on exit

pg_admin() { PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=10 psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

cleanup() {
  local status=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$WRK_PID" ] && kill "$WRK_PID" 2>/dev/null
  if [ -n "$CLIENT_PID" ] && kill -0 "$CLIENT_PID" 2>/dev/null; then
    kill "$CLIENT_PID" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 "$CLIENT_PID" 2>/dev/null || break; sleep 0.25; done
  fi
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -9 "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  if [ -n "$PG_DB" ]; then
    pg_admin -c "drop database if exists $PG_DB with (force)" >/dev/null 2>&1 || log "could not drop database $PG_DB"
  fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

# ---- the server

log "JDK: $JAVA ($("$JAVA" -version 2>&1 | head -1))"
log "Argon2id cost: $COST$([ "$COST" = "$DEFAULT_COST" ] && echo " (the server's default)" || echo " (from ATRIUM_PASSWORD_HASH, NOT the default)")"
SERVER_ENV=(ATRIUM_HOST=127.0.0.1 ATRIUM_PORT=0 ATRIUM_DATA_DIR="$TMP/data" ATRIUM_PASSWORD_HASH="$COST"
  ATRIUM_ADMIN_EMAIL=admin@bench.local ATRIUM_ADMIN_PASSWORD="bench-admin-$RANDOM$RANDOM")
if [ -n "$PG_URL" ]; then
  PG_DB="atrium_bench_$(date +%s)_$$"
  pg_admin -c "create database $PG_DB" >/dev/null || { PG_DB=""; die "could not create a database on $PG_HOST:$PG_PORT"; }
  SERVER_ENV+=(ATRIUM_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB" ATRIUM_DB_USER="$PG_USER")
  [ -n "$PG_PASSWORD" ] && SERVER_ENV+=(ATRIUM_DB_PASSWORD="$PG_PASSWORD")
  log "PostgreSQL database $PG_DB on $PG_HOST:$PG_PORT ($(pg_admin -c 'show server_version'))"
fi
ADMIN_PASSWORD=$(printf '%s\n' "${SERVER_ENV[@]}" | sed -n 's/^ATRIUM_ADMIN_PASSWORD=//p')
: >"$OUT/server.log"
# BENCH_GC_LOG=1 (set by the caller): the JVM's GC log, with wall-clock times, in $OUT/gc.log.
GC_LOG_OPTS=()
[ "${BENCH_GC_LOG:-0}" = 1 ] && GC_LOG_OPTS=("-Xlog:gc*:file=$OUT/gc.log:time,uptime,level,tags")
# shellcheck disable=SC2086
env -u ATRIUM_DB_URL -u ATRIUM_DB_USER -u ATRIUM_DB_PASSWORD "${SERVER_ENV[@]}" \
  "$JAVA" ${BENCH_JAVA_OPTS:-} "${GC_LOG_OPTS[@]}" -jar "$JAR" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 360); do
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$OUT/server.log" >&2; SERVER_PID=""; die "the server stopped at start"; }
  PORT=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$OUT/server.log" 2>/dev/null | head -1 || true)
  if [ -n "$PORT" ] && curl -fs --max-time 2 "http://127.0.0.1:$PORT/health" >/dev/null; then break; fi
  PORT=""; sleep 0.5
done
[ -n "$PORT" ] || die "the server did not answer /health within 180 s"
BASE="http://127.0.0.1:$PORT"
log "server pid $SERVER_PID on $BASE, $DB_KIND, data in $TMP"

TOKEN=$(curl -fs --max-time 30 -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin@bench.local\",\"password\":\"$ADMIN_PASSWORD\"}" "$BASE/api/v1/auth/signin" \
  | sed -n 's/.*"session_token":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || die "the administrator could not sign in"
