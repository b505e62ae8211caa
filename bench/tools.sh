# Sourced by lib.sh and durability.sh: log and die, the tools (a JDK 25, wrk, curl, psql for --pg) and the
# server jar, built when missing or stale. Expects ROOT, JAR, PG_URL and DEFAULT_COST from args.sh.

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
# pg_admin ARGS...: psql on the PostgreSQL server's maintenance database, as the bench's user.
pg_admin() {
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=10 psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres \
    -v ON_ERROR_STOP=1 -qAt "$@"
}

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

