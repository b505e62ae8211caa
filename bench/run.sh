#!/usr/bin/env bash
# Atrium throughput bench: starts the server on a fresh database, creates users, then measures with wrk
# GET /health (the ceiling), GET /pod/v2/user?uid=, POST /pod/v1/user/search and the Roomful signin.
# See bench/README.md. Everything it starts it stops again (the server, the PostgreSQL database it made).
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/run.sh [--pg [URL]] [--users N] [--login-users N] [--duration S] [--warmup S]
                    [--connections N] [--threads N] [--profile]

  --pg [URL]         use PostgreSQL instead of H2: a fresh database is created on that server for the run
                     and dropped afterwards. URL is postgresql://USER[:PASSWORD]@HOST[:PORT]
                     (default postgresql://postgres@127.0.0.1:5432); env BENCH_PG_URL does the same.
  --users N          users to create (default 10000; env BENCH_USERS)
  --login-users N    how many of them get a plain password, hashed by the server with its Argon2id cost,
                     and are the ones the signin measurement logs in as (default 200; env BENCH_LOGIN_USERS)
  --duration S       seconds of each measurement (default 15; env BENCH_DURATION)
  --warmup S         seconds of warm-up before each measurement (default 3; env BENCH_WARMUP)
  --connections N    wrk connections (default 50)     --threads N   wrk threads (default 2)
  --profile          record a JFR profile and one thread dump of the server during each measurement
                     (into the results directory); costs a few per cent of throughput

The server runs with ATRIUM_PASSWORD_HASH if set, else the default Argon2id cost m=19456,t=2,p=1.
BENCH_JAVA_OPTS adds JVM options to the server. Raw wrk outputs go to bench/results/<time>-<db>/.
EOF
}

# shellcheck source=args.sh
source "$(dirname "${BASH_SOURCE[0]}")/args.sh"
USERS=${BENCH_USERS:-10000}
LOGIN_USERS=${BENCH_LOGIN_USERS:-200}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-3}
CONNECTIONS=50
THREADS=2
parse_args "--users=USERS --login-users=LOGIN_USERS --duration=DURATION --warmup=WARMUP --connections=CONNECTIONS --threads=THREADS" "$@"
require_positive USERS LOGIN_USERS DURATION WARMUP CONNECTIONS THREADS
[ "$LOGIN_USERS" -le "$USERS" ] || { echo "bench: --login-users must not exceed --users" >&2; exit 2; }
RUN_TAG=""
# shellcheck source=lib.sh
source "$BENCH/lib.sh"

# ---- bulk users

read -r HSALT HPASSWORD < <("$JAVA" -cp "$TOOL_CP" "$BENCH/Tool.java" pbkdf2 'bench-Passw0rd!')
log "creating $USERS users ($LOGIN_USERS with a plain password hashed by the server, the rest with a Symphony PBKDF2 block)"
bulk create 16 create.lua "$TOKEN" "$USERS" "$LOGIN_USERS" "$HSALT" "$HPASSWORD"
failed=$BULK_FAILED
ADMIN_ID=$(curl -fs --max-time 30 -H "sessionToken: $TOKEN" "$BASE/pod/v1/sessioninfo" | sed -n 's/.*"userId":\([0-9]*\).*/\1/p')
curl -fs --max-time 60 -H "sessionToken: $TOKEN" "$BASE/pod/v1/admin/user/list" | tr -d '[] \n' | tr ',' '\n' \
  | grep -v "^$ADMIN_ID\$" >"$TMP/ids.txt" || true
CREATED=$(wc -l <"$TMP/ids.txt")
CREATE_SECS=$BULK_SECS
log "created $CREATED users in $CREATE_SECS s ($(awk -v n="$CREATED" -v s="$CREATE_SECS" 'BEGIN {printf "%.0f", n / s}') users/s, $failed failed)"
[ "$CREATED" -ge "$USERS" ] || die "only $CREATED of $USERS users exist"
if [ -n "$PG_DB" ]; then
  # A live PostgreSQL has table statistics (autovacuum gathers them within a minute or so of a bulk
  # load); without them the planner guesses, and the search measured right after the load is seconds
  # per request instead of milliseconds. Gather them now instead of waiting.
  log "ANALYZE on $PG_DB"
  PGPASSWORD="$PG_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -qc analyze || die "ANALYZE failed"
fi

# ---- measurements

measure health 2s "$BASE/health"
measure read 2s "$BASE" read.lua "$TOKEN" "$TMP/ids.txt"
measure search 2s "$BASE" search.lua "$TOKEN" "$USERS"
# The hash alone, in its own JVM while the server idles: the ceiling of logins on this machine.
log "timing the Argon2id hash alone ($COST)"
"$JAVA" -cp "$TOOL_CP" "$BENCH/Tool.java" hash "$COST" 12 >"$OUT/hash.txt" 2>&1 || die "the hash timing failed (see $OUT/hash.txt)"
HASH_MS=$(sed -n 's/.*hash_ms=\([0-9.]*\).*/\1/p' "$OUT/hash.txt")
HASH_CEILING=$(sed -n 's/.*ceiling_per_s=\([0-9.]*\).*/\1/p' "$OUT/hash.txt")
HASH_PARALLEL=$(sed -n 's/.*parallel_per_s=\([0-9.]*\).*/\1/p' "$OUT/hash.txt")
# A login waits for the ones queued before it: with 50 connections that is seconds, hence the long timeout.
measure signin 60s "$BASE" signin.lua "$LOGIN_USERS"

# ---- the table

CORES=$(nproc)
{
  echo "Atrium bench $STAMP on $DB_KIND: $CREATED users, wrk $CONNECTIONS connections / $THREADS threads, ${DURATION}s each after ${WARMUP}s warm-up"
  echo "machine: $CORES cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); server and wrk share it; JDK $(java_major "$JAVA"); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "Argon2id cost: $COST$([ "$COST" = "$DEFAULT_COST" ] && echo " (default)" || echo " (NOT the default)"); users created in ${CREATE_SECS}s"
  echo
  printf '%-28s %9s %9s %9s %9s %7s %8s %10s %9s %9s %8s %11s\n' endpoint 'req/s' 'p50 ms' 'p99 ms' requests errors 'KB/resp' \
    'CPU ms/req' 'srv cores' 'wrk cores' 'pg cores' 'other cores'
  for name in health read search signin; do
    case $name in
      health) label="GET /health (ceiling)" ;;
      read) label="GET /pod/v2/user?uid=" ;;
      search) label="POST /pod/v1/user/search" ;;
      signin) label="POST /api/v1/auth/signin" ;;
    esac
    printf '%-28s %9s %9s %9s %9s %7s %8s %10s %9s %9s %8s %11s\n' "$label" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" \
      "${REQS[$name]}" "${ERRS[$name]}" "${KB[$name]}" "${CPU[$name]}" "${CORES[$name]}" "${WRKC[$name]}" "${PGC[$name]}" \
      "${OTHER[$name]}"
  done
  echo
  awk -v read="${RPS[read]}" -v health="${RPS[health]}" -v p99="${P99[read]}" -v search="${RPS[search]}" \
      -v signin="${RPS[signin]}" -v hms="$HASH_MS" -v hceil="$HASH_CEILING" -v hpar="$HASH_PARALLEL" -v cores="$CORES" '
    function verdict(ok) { return ok ? "pass" : "MISS" }
    BEGIN {
      ratio = health > 0 ? read / health : 0
      printf "read/ceiling ratio: %.2f\n", ratio
      printf "Argon2id alone: %.1f ms per hash on one thread -> ceiling %s cores / %.1f ms = %.1f logins/s; measured on all cores at once: %.1f hashes/s\n", hms, cores, hms, hceil, hpar
      printf "\ntargets:\n"
      printf "  user read >= 0.5 x ceiling and p99 <= 10 ms: %.2f x, p99 %.2f ms -> %s\n", ratio, p99, verdict(ratio >= 0.5 && p99 <= 10)
      printf "  search >= 7000 req/s: %d req/s -> %s\n", search, verdict(search >= 7000)
      best = hceil < hpar ? hceil : hpar
      printf "  logins limited only by the hash (>= 0.8 x the hash alone, %.1f/s): %.1f logins/s = %.2f x -> %s\n", best, signin, (best > 0 ? signin / best : 0), verdict(best > 0 && signin >= 0.8 * best)
    }'
  busiest=$(printf '%s\n' "${OTHER[@]}" | sort -g | tail -1)
  if awk -v o="$busiest" 'BEGIN {exit !(o > 0.2)}'; then
    echo
    echo "WARNING: other processes kept up to $busiest cores busy during a measurement: req/s and latencies are"
    echo "lower than this server on an idle machine would give (CPU ms/req is steadier)."
  fi
  echo
  echo "raw wrk outputs, server log and hash timing: $OUT"
} | tee "$OUT/summary.txt"
