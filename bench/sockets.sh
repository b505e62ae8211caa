#!/usr/bin/env bash
# Atrium sockets bench: starts the server on a fresh database, creates and signs in 1,000 users, connects 10 Roomful
# sockets per user (socket.io-client 2.5.0 from Node, bench/sockets/), measures the server's live heap and RSS per
# idle socket, the round trip of an ack, and how long a profile change takes to reach every socket of its user
# (user:update), at a steady rate and as fast as possible. See bench/README.md.
# Everything it starts it stops again (the server, the Node clients, the PostgreSQL database it made).
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/sockets.sh [--pg [URL]] [--users N] [--per-user N] [--rate N] [--concurrency N] [--acks N]
                        [--warmup N] [--procs N] [--profile]

  --pg [URL]         use PostgreSQL instead of H2 (as bench/run.sh: a fresh database, dropped afterwards;
                     default postgresql://postgres@127.0.0.1:5432; env BENCH_PG_URL)
  --users N          users, each signed in once (default 1000; env BENCH_USERS)
  --per-user N       sockets per user, all on the user's one session (default 10)
  --rate N           profile changes a second in the steady round (default 200)
  --concurrency N    update calls in flight in the as-fast-as-possible round (default 16)
  --acks N           ack round trips timed (default 1000)
  --warmup N         a warm-up round first: the first N users' profiles changed at --rate (default 200; 0: none)
  --procs N          Node processes holding the sockets (default 2)
  --profile          JFR recordings of the server while the sockets connect (connect.jfr) and during the acks and
                     the fan-out (fanout.jfr), a thread dump with every socket connected, and native memory
                     tracking (-XX:NativeMemoryTracking=summary) to break the RSS per socket down

The server runs with ATRIUM_PASSWORD_HASH if set, else a cheap Argon2id cost m=1024,t=1,p=1: each sign-in
rehashes the user's PBKDF2 block once, and at the default cost 1,000 sign-ins would take minutes of this bench's
time to measure nothing it reports.
BENCH_JAVA_OPTS adds JVM options to the server. Results go to bench/results/<time>-sockets-<db>/.
EOF
}

# shellcheck source=args.sh
source "$(dirname "${BASH_SOURCE[0]}")/args.sh"
NODE_DIR="$ROOT/testkit/node"

USERS=${BENCH_USERS:-1000}
PER_USER=10
RATE=200
CONCURRENCY=16
ACKS=1000
WARMUP=200
PROCS=2
parse_args "--users=USERS --per-user=PER_USER --rate=RATE --concurrency=CONCURRENCY --acks=ACKS --warmup=WARMUP --procs=PROCS" "$@"
require_positive USERS PER_USER RATE CONCURRENCY ACKS PROCS
[[ "$WARMUP" =~ ^[0-9]+$ ]] || { echo "bench: WARMUP must be a number" >&2; exit 2; }
SOCKETS=$((USERS * PER_USER))

# Node and socket.io-client (testkit/node's packages), before the server starts.
command -v node >/dev/null || { echo "bench: node (18 or newer) is needed" >&2; exit 1; }
if [ ! -d "$NODE_DIR/node_modules/sio2" ]; then
  echo "bench: installing testkit/node's packages (npm ci)" >&2
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund >&2) || { echo "bench: npm ci in $NODE_DIR failed" >&2; exit 1; }
fi
# Each socket is a file descriptor in the server and in a client process; both inherit this limit.
NEED_FDS=$((SOCKETS + 4096))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$NEED_FDS" ]; then
  HARD=$(ulimit -Hn)
  if [ "$HARD" = unlimited ] || [ "$HARD" -ge "$NEED_FDS" ]; then ulimit -n "$NEED_FDS"; else ulimit -n "$HARD"; fi
  [ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge "$SOCKETS" ] \
    || { echo "bench: $SOCKETS sockets need ulimit -n >= $NEED_FDS; the hard limit is $HARD" >&2; exit 1; }
fi

RUN_TAG="sockets-"
ATRIUM_PASSWORD_HASH=${ATRIUM_PASSWORD_HASH:-m=1024,t=1,p=1}
# The GC log: the pauses during each round go into the report.
BENCH_GC_LOG=1
# With --profile, native memory tracking too: where the RSS per socket goes.
[ "$PROFILE" = 1 ] && BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary"
# shellcheck source=lib.sh
source "$BENCH/lib.sh"
log "file descriptors: ulimit -n $(ulimit -n)"

# ---- the server's memory, and the handshake with the Node clients

# Live heap bytes: GC.class_histogram counts the live objects after a full GC. Keeps the histogram as $OUT/$1.
live_heap() {
  "$JAVA_BIN/jcmd" "$SERVER_PID" GC.run >/dev/null 2>&1 || true
  "$JAVA_BIN/jcmd" "$SERVER_PID" GC.class_histogram >"$OUT/$1" 2>&1 || die "jcmd GC.class_histogram failed (see $OUT/$1)"
  awk '/^Total/ {print $3}' "$OUT/$1"
}
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status"; }
platform_threads() { awk '/^Threads:/ {print $2}' "/proc/$SERVER_PID/status"; }

# wait_for NAME: until the clients write $STATE/NAME (they stop on an error, and so does this then).
wait_for() {
  while [ ! -f "$STATE/$1" ]; do
    kill -0 "$CLIENT_PID" 2>/dev/null || { wait "$CLIENT_PID" || true; CLIENT_PID=""; die "the clients stopped (see $OUT/client.log)"; }
    sleep 0.2
  done
}
jfr_start() { [ "$PROFILE" = 1 ] && "$JAVA_BIN/jcmd" "$SERVER_PID" JFR.start name="$1" settings=profile filename="$OUT/$1.jfr" >/dev/null 2>&1 || true; }
jfr_stop() { [ "$PROFILE" = 1 ] && "$JAVA_BIN/jcmd" "$SERVER_PID" JFR.stop name="$1" >/dev/null 2>&1 || true; }

STATE="$TMP/state"
mkdir -p "$STATE"
read -r HSALT HPASSWORD < <("$JAVA" -cp "$TOOL_CP" "$BENCH/Tool.java" pbkdf2 'bench-Passw0rd!')
log "clients: $USERS users x $PER_USER sockets = $SOCKETS sockets from $PROCS Node processes ($(node --version))"
BENCH_NODE_DIR="$NODE_DIR" node "$BENCH/sockets/sockets.js" --base "$BASE" --token "$TOKEN" --users "$USERS" \
  --per-user "$PER_USER" --rate "$RATE" --concurrency "$CONCURRENCY" --acks "$ACKS" --warmup "$WARMUP" --procs "$PROCS" \
  --hsalt "$HSALT" --hpassword "$HPASSWORD" --state "$STATE" --gc-log "$OUT/gc.log" --report "$OUT/fanout.txt" --json "$OUT/sockets.json" \
  --server-pid "$SERVER_PID" --clk-tck "$(getconf CLK_TCK)" 2> >(tee "$OUT/client.log" >&2) &
CLIENT_PID=$!

wait_for signedin
if [ -n "$PG_DB" ]; then
  PGPASSWORD="$PG_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -qc 'vacuum (analyze)' || die "VACUUM (ANALYZE) failed"
fi
HEAP0=$(live_heap histogram-before.txt)
RSS0=$(rss_kib)
THREADS0=$(platform_threads)
log "before the sockets: live heap $((HEAP0 / 1048576)) MiB, RSS $((RSS0 / 1024)) MiB, $THREADS0 threads"
[ "$PROFILE" = 1 ] && "$JAVA_BIN/jcmd" "$SERVER_PID" VM.native_memory baseline >/dev/null 2>&1
jfr_start connect
touch "$STATE/measured-before"

wait_for connected
jfr_stop connect
READY=$(sed -n 's/^ready=//p' "$STATE/connected")
CONNECT_FAILED=$(sed -n 's/^failed=//p' "$STATE/connected")
CONNECT_SECS=$(sed -n 's/^connect_secs=//p' "$STATE/connected")
# The sockets are idle now (a heartbeat every 25 s): let the connect work settle before the full GC.
sleep 5
HEAP1=$(live_heap histogram-after.txt)
RSS1=$(rss_kib)
THREADS1=$(platform_threads)
if [ "$PROFILE" = 1 ]; then
  "$JAVA_BIN/jcmd" "$SERVER_PID" Thread.print >"$OUT/connected-threads.txt" 2>&1
  "$JAVA_BIN/jcmd" "$SERVER_PID" VM.native_memory summary.diff >"$OUT/native-memory.txt" 2>&1
fi
log "with $READY sockets: live heap $((HEAP1 / 1048576)) MiB, RSS $((RSS1 / 1024)) MiB, $THREADS1 threads"
# The PostgreSQL backends serving the bench database (a local server only): the clients count their CPU per round.
if [ -n "$PG_DB" ] && [[ "$PG_HOST" =~ ^(127\.0\.0\.1|localhost|::1)$ ]]; then
  PGPASSWORD="$PG_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qAt \
    -c "select pid from pg_stat_activity where datname = '$PG_DB'" >"$STATE/pg-pids" 2>/dev/null || true
fi
jfr_start fanout
touch "$STATE/measured"

wait "$CLIENT_PID" || { CLIENT_PID=""; die "the clients failed (see $OUT/client.log)"; }
CLIENT_PID=""
jfr_stop fanout

# ---- the summary

# The classes whose live bytes grew most between the two histograms.
growth() {
  awk '
    FNR == 1 { file++ }
    $1 ~ /^[0-9]+:$/ { key = $4; if (file == 1) { b0[key] = $3; n0[key] = $2 } else { b1[key] = $3; n1[key] = $2 } }
    END {
      for (k in b1) { d = b1[k] - b0[k]; if (d > 0) printf "%d %d %s\n", d, n1[k] - n0[k], k }
    }' "$OUT/histogram-before.txt" "$OUT/histogram-after.txt" | sort -rn | awk 'NR <= 12' \
    | awk -v n="$READY" '{printf "  %9.2f KiB/socket %9d objects  %s\n", $1 / n / 1024, $2, $3}'
}
CORES=$(nproc)
{
  echo "Atrium sockets bench $STAMP on $DB_KIND: $USERS users x $PER_USER sockets = $SOCKETS sockets on one server"
  echo "machine: $CORES cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); server and clients share it; JDK $(java_major "$JAVA"); Node $(node --version); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  sed -n 1,2p "$OUT/fanout.txt"
  awk -v h0="$HEAP0" -v h1="$HEAP1" -v r0="$RSS0" -v r1="$RSS1" -v n="$READY" -v t0="$THREADS0" -v t1="$THREADS1" 'BEGIN {
    kib = (h1 - h0) / n / 1024
    printf "idle sockets: %d (%d threads in the server before, %d after)\n", n, t0, t1
    printf "  live heap (GC.class_histogram after a full GC): %.1f MiB before, %.1f MiB after -> %.2f KiB per socket\n", h0 / 1048576, h1 / 1048576, kib
    printf "  RSS: %.0f MiB before, %.0f MiB after -> %.1f KiB per socket (includes heap the JVM committed, and native memory)\n", r0 / 1024, r1 / 1024, (r1 - r0) / n
  }'
  echo "  heap growth by class (the largest, per socket):"
  growth
  if [ -s "$OUT/native-memory.txt" ]; then
    echo "  committed memory growth by JVM area (native memory tracking), per socket:"
    awk -v n="$READY" '/^-/ && /committed=[0-9]+KB [+-][0-9]+KB/ {
        name = $0; sub(/^- */, "", name); sub(/ *\(.*/, "", name)
        match($0, /committed=[0-9]+KB [+-][0-9]+KB/); d = substr($0, RSTART, RLENGTH); sub(/.* /, "", d); sub(/KB/, "", d)
        if (d + 0 > 0) printf "  %9.2f KiB/socket  %s\n", d / n, name }' "$OUT/native-memory.txt" | sort -rn | awk 'NR <= 8'
  fi
  echo
  sed -n '3,$p' "$OUT/fanout.txt"
  awk -v h0="$HEAP0" -v h1="$HEAP1" -v n="$READY" -v want="$SOCKETS" 'BEGIN {
    kib = (h1 - h0) / n / 1024
    printf "  live heap per socket <= 20 KiB: %.2f KiB -> %s\n", kib, (kib <= 20 ? "pass" : "MISS")
    printf "  every socket had user_info: %d of %d -> %s\n", n, want, (n == want ? "pass" : "MISS")
  }'
  echo
  echo "histograms, client log, JSON figures$([ "$PROFILE" = 1 ] && echo ", JFR recordings"), server log: $OUT"
} | tee "$OUT/summary.txt"
