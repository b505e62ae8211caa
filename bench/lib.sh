# Sourced by run.sh, rooms.sh and sockets.sh: tools, the jar, the run's places and cleanup, the server and the
# administrator's session. Expects BENCH, STAMP, DB_KIND, COST and friends set by the caller, and
# RUN_TAG (a results-directory infix such as "rooms-", empty for run.sh).

# shellcheck source=tools.sh
source "$BENCH/tools.sh"

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
# A bench measures the server's throughput, not its rate limits: off, unless BENCH_RATE_LIMITS gives rates (to
# measure what counting costs, give rates no run meets: auth=1000000/1s,write=1000000/1s,read=1000000/1s).
RATE_LIMITS=${BENCH_RATE_LIMITS:-off}
log "rate limits: $RATE_LIMITS"
SERVER_ENV=(ATRIUM_HOST=127.0.0.1 ATRIUM_PORT=0 ATRIUM_DATA_DIR="$TMP/data" ATRIUM_PASSWORD_HASH="$COST"
  ATRIUM_ADMIN_EMAIL=admin@bench.local ATRIUM_ADMIN_PASSWORD="bench-admin-$RANDOM$RANDOM"
  ATRIUM_RATE_LIMITS="$RATE_LIMITS")
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

# ---- wrk measurements (run.sh, rooms.sh): req/s, latencies, and the CPU the server, wrk, the bench
#      database and everything else used, per measured endpoint

declare -A RPS P50 P99 REQS ERRS KB CPU CORES WRKC PGC OTHER
CLK_TCK=$(getconf CLK_TCK)
# CPU seconds (user + system) the server has used so far, from /proc.
# bulk NAME CONNECTIONS SCRIPT ARGS...: bulk load: wrk runs the Lua script (in lua/) until each of its threads
# has had all its answers; the script takes ARGS, then the wrk threads and the done dir. Sets BULK_FAILED (the
# answers the script counted as failed) and BULK_SECS; the wrk output goes to $OUT/NAME.txt.
bulk() {
  local name=$1 conns=$2 script=$3; shift 3
  rm -rf "$TMP/done"; mkdir -p "$TMP/done"
  local t0 t1; t0=$(date +%s.%N)
  (cd "$BENCH/lua" && exec wrk -t "$THREADS" -c "$conns" -d 1800s --timeout 60s -s "$script" "$BASE" -- \
    "$@" "$THREADS" "$TMP/done") >"$OUT/$name.txt" 2>&1 &
  WRK_PID=$!
  while kill -0 "$WRK_PID" 2>/dev/null; do
    [ "$(find "$TMP/done" -type f | wc -l)" -ge "$THREADS" ] && { kill -INT "$WRK_PID" 2>/dev/null; break; }
    sleep 0.2
  done
  wait "$WRK_PID" || true
  WRK_PID=""
  t1=$(date +%s.%N)
  [ "$(find "$TMP/done" -type f | wc -l)" -ge "$THREADS" ] || die "$name did not finish within 1800 s (see $OUT/$name.txt)"
  BULK_FAILED=$(cat "$TMP"/done/* | awk '{f += $2} END {print f + 0}')
  BULK_SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
}

server_cpu() { awk -v hz="$CLK_TCK" '{sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13) / hz}' "/proc/$SERVER_PID/stat"; }
# CPU seconds all cores have been busy so far (user, nice, system, irq, softirq, steal).
machine_cpu() { awk -v hz="$CLK_TCK" '/^cpu / {printf "%.2f\n", ($2 + $3 + $4 + $7 + $8 + $9) / hz}' /proc/stat; }
# CPU seconds the PostgreSQL backends serving the bench database have used so far (a local server only).
pg_cpu() {
  if [ -z "$PG_DB" ] || ! [[ "$PG_HOST" =~ ^(127\.0\.0\.1|localhost|::1)$ ]]; then echo 0; return; fi
  local pids
  pids=$(PGPASSWORD="$PG_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qAt \
    -c "select pid from pg_stat_activity where datname = '$PG_DB'" 2>/dev/null) || { echo 0; return; }
  for pid in $pids; do cat "/proc/$pid/stat" 2>/dev/null; done \
    | awk -v hz="$CLK_TCK" '{sub(/^.*\) /, ""); t += $12 + $13} END {printf "%.2f\n", t / hz}'
}
# CPU seconds of the waited-for children of the calling (sub)shell: wrk's, once it has ended.
children_cpu() { awk -v hz="$CLK_TCK" '{sub(/^.*\) /, ""); printf "%.2f\n", ($14 + $15) / hz}' "/proc/$BASHPID/stat"; }
# Reads a wrk --latency output: req/s, p50 ms, p99 ms, requests, errors (non-2xx/3xx and socket), KB per response.
parse_wrk() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
    function kb(v) { if (v ~ /GB$/) return v * 1048576; if (v ~ /MB$/) return v * 1024; if (v ~ /KB$/) return v + 0; return v / 1024 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    / requests in / { n = $1; bytes = kb($5) }
    /Non-2xx or 3xx responses:/ { errs += $NF }
    /Socket errors:/ { gsub(/,/, ""); errs += $4 + $6 + $8 + $10 }
    /^Requests\/sec:/ { rps = $2 }
    END { printf "%.0f %.2f %.2f %d %d %.2f\n", rps, p50, p99, n, errs, (n > 0 ? bytes / n : 0) }' "$1"
}

# measure NAME TIMEOUT URL [wrk script and its args...]
measure() {
  local name=$1 timeout=$2 url=$3; shift 3
  local script=() ; if [ $# -gt 0 ]; then script=(-s "$1"); shift; fi
  local args=(); [ $# -gt 0 ] && args=(-- "$@")
  local dump_pid=""
  log "$name: ${WARMUP}s warm-up, ${DURATION}s measured, $CONNECTIONS connections, $THREADS threads"
  (cd "$BENCH/lua" && wrk -t "$THREADS" -c "$CONNECTIONS" -d "${WARMUP}s" --timeout "$timeout" "${script[@]}" "$url" "${args[@]}") \
    >"$OUT/warmup-$name.txt" 2>&1 || true
  if [ "$PROFILE" = 1 ]; then
    "$JAVA_BIN/jcmd" "$SERVER_PID" JFR.start name="$name" settings=profile filename="$OUT/$name.jfr" >/dev/null 2>&1 || true
    ( sleep $((DURATION / 2)); "$JAVA_BIN/jcmd" "$SERVER_PID" Thread.print >"$OUT/$name-threads.txt" 2>&1 ) &
    dump_pid=$!
  fi
  local cpu0 cpu1 all0 all1 pg0 pg1 t0 t1 wrk_cpu
  pg0=$(pg_cpu); cpu0=$(server_cpu); all0=$(machine_cpu); t0=$(date +%s.%N)
  wrk_cpu=$(cd "$BENCH/lua" && { wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --timeout "$timeout" --latency \
    "${script[@]}" "$url" "${args[@]}" >"$OUT/$name.txt" 2>&1 || log "$name: wrk failed (see $OUT/$name.txt)"; }; children_cpu)
  cpu1=$(server_cpu); all1=$(machine_cpu); t1=$(date +%s.%N); pg1=$(pg_cpu)
  if [ "$PROFILE" = 1 ]; then
    "$JAVA_BIN/jcmd" "$SERVER_PID" JFR.stop name="$name" >/dev/null 2>&1 || true
    wait "$dump_pid" || true
  fi
  read -r "RPS[$name]" "P50[$name]" "P99[$name]" "REQS[$name]" "ERRS[$name]" "KB[$name]" < <(parse_wrk "$OUT/$name.txt")
  # The server's CPU per request and how many cores it kept busy: steadier than req/s on a shared machine.
  CPU[$name]=$(awk -v a="$cpu0" -v b="$cpu1" -v n="${REQS[$name]}" 'BEGIN {printf "%.3f", (n > 0 ? (b - a) * 1000 / n : 0)}')
  CORES[$name]=$(awk -v a="$cpu0" -v b="$cpu1" -v s="$t0" -v e="$t1" 'BEGIN {printf "%.2f", (b - a) / (e - s)}')
  WRKC[$name]=$(awk -v w="$wrk_cpu" -v s="$t0" -v e="$t1" 'BEGIN {printf "%.2f", w / (e - s)}')
  PGC[$name]=$(awk -v a="$pg0" -v b="$pg1" -v s="$t0" -v e="$t1" 'BEGIN {printf "%.2f", (b - a) / (e - s)}')
  [ -n "$PG_DB" ] || PGC[$name]="-"
  # Whatever else ran: the machine's busy time less the server's, wrk's and the bench database's backends'.
  OTHER[$name]=$(awk -v a="$all0" -v b="$all1" -v c="$cpu0" -v d="$cpu1" -v w="$wrk_cpu" -v p="$pg0" -v q="$pg1" \
    -v s="$t0" -v e="$t1" 'BEGIN {o = ((b - a) - (d - c) - w - (q - p)) / (e - s); printf "%.2f", (o < 0 ? 0 : o)}')
  log "$name: ${RPS[$name]} req/s, p50 ${P50[$name]} ms, p99 ${P99[$name]} ms, ${ERRS[$name]} errors"
}

# print_table LABEL_WIDTH NAME=LABEL...: the measurements as a table, the first row being the ceiling (/health) that
# each row's req/s is divided by, and a warning when other processes kept the machine busy during one of them.
print_table() {
  local width=$1; shift
  local fmt="%-${width}s %9s %9s %9s %9s %7s %8s %8s %10s %9s %9s %8s %11s\n"
  local ceiling=${1%%=*} pair name ratio busiest
  # shellcheck disable=SC2059
  printf "$fmt" endpoint 'req/s' 'p50 ms' 'p99 ms' requests errors 'KB/resp' 'ceiling' 'CPU ms/req' 'srv cores' \
    'wrk cores' 'pg cores' 'other cores'
  for pair in "$@"; do
    name=${pair%%=*}
    ratio=$(awk -v a="${RPS[$name]}" -v b="${RPS[$ceiling]}" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
    # shellcheck disable=SC2059
    printf "$fmt" "${pair#*=}" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" "${REQS[$name]}" "${ERRS[$name]}" \
      "${KB[$name]}" "$ratio" "${CPU[$name]}" "${CORES[$name]}" "${WRKC[$name]}" "${PGC[$name]}" "${OTHER[$name]}"
  done
  busiest=$(printf '%s\n' "${OTHER[@]}" | sort -g | tail -1)
  if awk -v o="$busiest" 'BEGIN {exit !(o > 0.2)}'; then
    echo
    echo "WARNING: other processes kept up to $busiest cores busy during a measurement: req/s and latencies are"
    echo "lower than this server on an idle machine would give (CPU ms/req is steadier)."
  fi
}
