# Sourced by run.sh, rooms.sh and sockets.sh before anything else: the places they share, and the parsing of
# their options. Each script defines usage() and its defaults, then calls parse_args and require_positive.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
JAR="$ROOT/server/target/atrium.jar"
# Tool.java runs from source on the server jar and the testkit (its crash probe).
TOOL_CP="$JAR:$ROOT/testkit/target/classes"
DEFAULT_COST="m=19456,t=2,p=1"
PG_URL=${BENCH_PG_URL:-}
PROFILE=0

# parse_args "--flag=VAR ..." "$@": sets VAR from "--flag N" for each flag the script names, and handles the
# options every bench has: --pg [URL], --profile, -h/--help. An unknown argument prints the usage and exits 2.
parse_args() {
  local -A vars=()
  local pair
  for pair in $1; do vars[${pair%%=*}]=${pair#*=}; done
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --pg)
        if [ $# -gt 1 ] && [[ "$2" == postgres* ]]; then PG_URL=$2; shift; else PG_URL="postgresql://postgres@127.0.0.1:5432"; fi ;;
      --pg=*) PG_URL=${1#--pg=} ;;
      --profile) PROFILE=1 ;;
      -h|--help) usage; exit 0 ;;
      *)
        if [ -n "${vars[$1]:-}" ] && [ $# -gt 1 ]; then printf -v "${vars[$1]}" '%s' "$2"; shift
        else echo "bench: unknown argument '$1'" >&2; usage >&2; exit 2; fi ;;
    esac
    shift
  done
}

# require_positive VAR...: each must be a positive integer, else the bench exits 2.
require_positive() {
  local n
  for n in "$@"; do
    [[ "${!n}" =~ ^[0-9]+$ ]] && [ "${!n}" -gt 0 ] || { echo "bench: $n must be a positive integer" >&2; exit 2; }
  done
}
