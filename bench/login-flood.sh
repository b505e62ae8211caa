#!/usr/bin/env bash
# Atrium sign-in flood bench: starts the server on a fresh database (the default Argon2id cost unless
# ATRIUM_PASSWORD_HASH says otherwise, rate limits off, login limits too high to throttle), creates the login
# users, then has wrk sign them in over --connections connections at once while one more connection probes
# GET /health, and prints the probe's p50/p90/p99/max beside the sign-ins' rate. The goal of issue 10: /health
# p99 <= 250 ms while 64 clients sign in at once. See bench/README.md. Everything it starts it stops again.
set -euo pipefail

usage() {
  cat <<'EOF2'
usage: bench/login-flood.sh [--pg [URL]] [--users N] [--connections N] [--duration S] [--warmup S]
                            [--threads N] [--profile]

  --pg [URL]         use PostgreSQL instead of H2 (as bench/run.sh: a fresh database, dropped afterwards)
  --users N          users created with a plain password, signed in at random (default 64; env BENCH_USERS)
  --connections N    sign-ins in flight at once (default 64)   --threads N  wrk threads of the flood (default 2)
  --duration S       seconds the probe measures (default 20)  --warmup S   seconds of flood before it (default 3)
  --profile          a JFR profile and a thread dump of the server during the measurement

ATRIUM_HASH_THREADS, if set, sizes the server's hashing pool (default: the available processors).
EOF2
}

# shellcheck source=args.sh
source "$(dirname "${BASH_SOURCE[0]}")/args.sh"
USERS=${BENCH_USERS:-64}
DURATION=${BENCH_DURATION:-20}
WARMUP=${BENCH_WARMUP:-3}
CONNECTIONS=64
THREADS=2
parse_args "--users=USERS --connections=CONNECTIONS --duration=DURATION --warmup=WARMUP --threads=THREADS" "$@"
require_positive USERS CONNECTIONS DURATION WARMUP THREADS
RUN_TAG="login-flood-"
# Every sign-in of the flood succeeds, but the bench must not depend on that: no wait, ever.
export ATRIUM_LOGIN_LIMITS="account=1000000,address=1000000"
# shellcheck source=lib.sh
source "$BENCH/lib.sh"
log "login limits: $ATRIUM_LOGIN_LIMITS; hashing threads: ${ATRIUM_HASH_THREADS:-default (the cores)}"

# ---- the login users: all with a plain password, which the server hashes at its configured cost

log "creating $USERS users with a plain password"
bulk create 8 create.lua "$TOKEN" "$USERS" "$USERS" unused unused
failed=$BULK_FAILED
[ "$failed" -eq 0 ] || die "$failed user creations failed (see $OUT/create.txt)"

# ---- /health alone, then under the flood

# probe NAME SECONDS: one connection asking GET /health back to back, wrk's latency distribution.
probe() {
  (cd "$BENCH/lua" && wrk -t 1 -c 1 -d "${2}s" --timeout 30s --latency "$BASE/health") >"$OUT/$1.txt" 2>&1 \
    || log "$1: wrk failed (see $OUT/$1.txt)"
}
# Reads a wrk --latency output: p50 p90 p99 max (ms), requests, errors.
latencies() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
    /^ +Latency +[0-9]/ { max = ms($4) }
    /^ +50%/ { p50 = ms($2) }
    /^ +90%/ { p90 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    / requests in / { n = $1 }
    /Non-2xx or 3xx responses:/ { errs += $NF }
    /Socket errors:/ { gsub(/,/, ""); errs += $4 + $6 + $8 + $10 }
    END { printf "%.2f %.2f %.2f %.2f %d %d\n", p50, p90, p99, max, n, errs }' "$1"
}

log "health alone: ${DURATION}s"
probe health-idle "$DURATION"

log "flood: $CONNECTIONS sign-ins at once for $((WARMUP + DURATION + 2))s;" \
  "/health probed for ${DURATION}s after ${WARMUP}s"
cpu0=$(server_cpu)
(cd "$BENCH/lua" && exec wrk -t "$THREADS" -c "$CONNECTIONS" -d "$((WARMUP + DURATION + 2))s" --timeout 60s --latency \
  -s signin.lua "$BASE" -- "$USERS") >"$OUT/signin.txt" 2>&1 &
WRK_PID=$!
sleep "$WARMUP"
dump_pid=""
if [ "$PROFILE" = 1 ]; then
  "$JAVA_BIN/jcmd" "$SERVER_PID" JFR.start name=flood settings=profile filename="$OUT/flood.jfr" >/dev/null 2>&1 || true
  ( sleep $((DURATION / 2)); "$JAVA_BIN/jcmd" "$SERVER_PID" Thread.print >"$OUT/flood-threads.txt" 2>&1 ) &
  dump_pid=$!
fi
probe health-flood "$DURATION"
if [ "$PROFILE" = 1 ]; then
  "$JAVA_BIN/jcmd" "$SERVER_PID" JFR.stop name=flood >/dev/null 2>&1 || true
  wait "$dump_pid" || true
fi
wait "$WRK_PID" || log "the flood's wrk failed (see $OUT/signin.txt)"
WRK_PID=""
cpu1=$(server_cpu)

read -r I50 I90 I99 IMAX IN IERR < <(latencies "$OUT/health-idle.txt")
read -r F50 F90 F99 FMAX FN FERR < <(latencies "$OUT/health-flood.txt")
read -r S50 S90 S99 SMAX SN SERR < <(latencies "$OUT/signin.txt")
SRPS=$(awk '/^Requests\/sec:/ {print $2}' "$OUT/signin.txt")
{
  echo "login flood: $CONNECTIONS concurrent sign-ins of $USERS users, Argon2id $COST, $DB_KIND," \
    "hashing threads ${ATRIUM_HASH_THREADS:-default}, $(nproc) cores"
  printf '%-22s %9s %9s %9s %9s %9s %7s\n' "" "p50 ms" "p90 ms" "p99 ms" "max ms" "requests" "errors"
  printf '%-22s %9s %9s %9s %9s %9s %7s\n' "health, idle" "$I50" "$I90" "$I99" "$IMAX" "$IN" "$IERR"
  printf '%-22s %9s %9s %9s %9s %9s %7s\n' "health, under flood" "$F50" "$F90" "$F99" "$FMAX" "$FN" "$FERR"
  printf '%-22s %9s %9s %9s %9s %9s %7s\n' "signin (the flood)" "$S50" "$S90" "$S99" "$SMAX" "$SN" "$SERR"
  echo "sign-ins: $SRPS/s; server CPU during the flood:" \
    "$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN {printf "%.1f", b - a}') s"
  awk -v p="$F99" 'BEGIN { if (p <= 250) print "goal met: /health p99 " p " ms <= 250 ms under the flood";
    else print "GOAL MISSED: /health p99 " p " ms > 250 ms under the flood" }'
} | tee "$OUT/summary.txt"
