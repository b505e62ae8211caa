#!/usr/bin/env bash
# Atrium LiveDigital bench: starts the server on a fresh database, creates users (the first --login-users with a
# plain password), registers an API client, then measures with wrk GET /health (the ceiling), GET /v1/users/me with
# a user access token (a JWT verified in memory, then one session check), and POST /v1/auth/token password grants
# against the Argon2id hash alone (timed in its own JVM while the server idles). See bench/README.md.
# Everything it starts it stops again (the server, the PostgreSQL database it made).
set -euo pipefail

usage() {
  cat <<'EOF2'
usage: bench/livedigital.sh [--pg [URL]] [--users N] [--login-users N] [--duration S] [--warmup S]
                            [--connections N] [--threads N] [--profile]

  --pg [URL]         use PostgreSQL instead of H2 (as bench/run.sh: a fresh database, dropped afterwards;
                     default postgresql://postgres@127.0.0.1:5432; env BENCH_PG_URL)
  --users N          users to create (default 1000; env BENCH_USERS)
  --login-users N    how many of them get a plain password, the ones the grants log in as (default 200)
  --duration S       seconds of each measurement (default 15)   --warmup S   warm-up seconds (default 3)
  --connections N    wrk connections (default 50)               --threads N  wrk threads (default 2)
  --profile          a JFR profile and a thread dump of the server per measurement
EOF2
}

# shellcheck source=args.sh
source "$(dirname "${BASH_SOURCE[0]}")/args.sh"
USERS=${BENCH_USERS:-1000}
LOGIN_USERS=${BENCH_LOGIN_USERS:-200}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-3}
CONNECTIONS=50
THREADS=2
parse_args "--users=USERS --login-users=LOGIN_USERS --duration=DURATION --warmup=WARMUP --connections=CONNECTIONS --threads=THREADS" "$@"
require_positive USERS LOGIN_USERS DURATION WARMUP CONNECTIONS THREADS
[ "$LOGIN_USERS" -le "$USERS" ] || { echo "bench: --login-users must not exceed --users" >&2; exit 2; }
RUN_TAG="livedigital-"
# shellcheck source=lib.sh
source "$BENCH/lib.sh"

read -r HSALT HPASSWORD < <("$JAVA" -cp "$TOOL_CP" "$BENCH/Tool.java" pbkdf2 'bench-Passw0rd!')
log "creating $USERS users ($LOGIN_USERS with a plain password hashed by the server, the rest with a Symphony PBKDF2 block)"
bulk create-users 16 create.lua "$TOKEN" "$USERS" "$LOGIN_USERS" "$HSALT" "$HPASSWORD"
log "created $USERS users in $BULK_SECS s ($BULK_FAILED failed)"
[ "$BULK_FAILED" -eq 0 ] || die "$BULK_FAILED user creations failed (see $OUT/create-users.txt)"

CLIENT=$(curl -fs --max-time 30 -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"bench"}' "$BASE/atrium/v1/clients") || die "the API client could not be registered"
CLIENT_ID=$(sed -n 's/.*"clientId":"\([^"]*\)".*/\1/p' <<<"$CLIENT")
CLIENT_SECRET=$(sed -n 's/.*"clientSecret":"\([^"]*\)".*/\1/p' <<<"$CLIENT")
[ -n "$CLIENT_ID" ] && [ -n "$CLIENT_SECRET" ] || die "no client id and secret in the answer"
# User 0 (james.smith.0@x.io in lua/names.lua) gets a user token through a password grant.
GRANT=$(curl -fs --max-time 30 --data-urlencode grant_type=password --data-urlencode "client_id=$CLIENT_ID" \
  --data-urlencode "client_secret=$CLIENT_SECRET" --data-urlencode username=james.smith.0@x.io \
  --data-urlencode 'password=bench-Passw0rd!' "$BASE/v1/auth/token") || die "user 0's password grant failed"
ACCESS=$(sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' <<<"$GRANT")
[ -n "$ACCESS" ] || die "no access token in the grant's answer"
curl -fs --max-time 30 -H "Authorization: Bearer $ACCESS" "$BASE/v1/users/me" >"$OUT/me.json" \
  || die "GET /v1/users/me failed"

if [ -n "$PG_DB" ]; then
  log "VACUUM (ANALYZE) on $PG_DB"
  PGPASSWORD="$PG_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -qc 'vacuum (analyze)' || die "VACUUM (ANALYZE) failed"
fi

# ---- measurements

measure health 2s "$BASE/health"
measure me 2s "$BASE" ld_me.lua "$ACCESS"
log "timing the Argon2id hash alone ($COST)"
"$JAVA" -cp "$TOOL_CP" "$BENCH/Tool.java" hash "$COST" 12 >"$OUT/hash.txt" 2>&1 || die "the hash timing failed (see $OUT/hash.txt)"
HASH_MS=$(sed -n 's/.*hash_ms=\([0-9.]*\).*/\1/p' "$OUT/hash.txt")
HASH_CEILING=$(sed -n 's/.*ceiling_per_s=\([0-9.]*\).*/\1/p' "$OUT/hash.txt")
HASH_PARALLEL=$(sed -n 's/.*parallel_per_s=\([0-9.]*\).*/\1/p' "$OUT/hash.txt")
# A grant waits for the hashes queued before it: with 50 connections that is seconds, hence the long timeout.
measure grant 60s "$BASE" ld_grant.lua "$LOGIN_USERS" "$CLIENT_ID" "$CLIENT_SECRET"

# ---- the table

CORES=$(nproc)
{
  echo "Atrium LiveDigital bench $STAMP on $DB_KIND: $USERS users ($LOGIN_USERS with a plain password), wrk $CONNECTIONS connections / $THREADS threads, ${DURATION}s each after ${WARMUP}s warm-up"
  echo "machine: $CORES cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); server and wrk share it; JDK $(java_major "$JAVA"); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "Argon2id cost: $COST$([ "$COST" = "$DEFAULT_COST" ] && echo " (default)" || echo " (NOT the default)")"
  echo
  print_table 44 "health=GET /health (ceiling)" "me=GET /v1/users/me (Bearer JWT)" \
    "grant=POST /v1/auth/token (password grant)"
  echo
  awk -v me="${RPS[me]}" -v health="${RPS[health]}" -v p99="${P99[me]}" -v grant="${RPS[grant]}" \
      -v hms="$HASH_MS" -v hceil="$HASH_CEILING" -v hpar="$HASH_PARALLEL" -v cores="$CORES" '
    function verdict(ok) { return ok ? "pass" : "MISS" }
    BEGIN {
      ratio = health > 0 ? me / health : 0
      best = hceil < hpar ? hceil : hpar
      printf "Argon2id alone: %.1f ms per hash on one thread -> ceiling %s cores / %.1f ms = %.1f/s; measured on all cores at once: %.1f hashes/s\n", hms, cores, hms, hceil, hpar
      printf "\ngoals:\n"
      printf "  GET /v1/users/me >= 0.5 x /health: %.2f x (p99 %.2f ms) -> %s\n", ratio, p99, verdict(ratio >= 0.5)
      printf "  password grants limited only by the hash (>= 0.9 x the hash alone, %.1f/s): %.1f/s = %.2f x -> %s\n", best, grant, (best > 0 ? grant / best : 0), verdict(best > 0 && grant >= 0.9 * best)
    }'
  echo "raw wrk outputs, server log, hash timing and one /v1/users/me: $OUT"
} | tee "$OUT/summary.txt"
