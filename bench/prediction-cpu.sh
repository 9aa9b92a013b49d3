#!/usr/bin/env bash
# bench/prediction-benchmark.sh with every JVM thread's and PostgreSQL process's CPU sampled from /proc every 0.1 s
# (bench/cpu-sampler.py), then for each run the cores used over time and per part (bench/cpu-timeline.py): the
# assignment's backend and its parallel workers, the predictions' backend and JVM thread, JIT, GC (issue 20 item 8).
# Usage: DATA=<base> JAR=<jar> PORT=<port> [RUNS=3] bench/prediction-cpu.sh > out.txt   (same variables as the benchmark)
# The window of a run: from the client's start (its "whole run" ms before the log's "customers assigned" line) to that line.
# Not a timing: the sampler costs a few % of a core. docs/benchmarks.md, "Session 37: predictions", shows what it prints.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATA:?DATA=<base directory>}"
SAMPLES="$DATA/cpu-samples.tsv"
OUT="$DATA/benchmark.out"
: >"$SAMPLES"
bench/prediction-benchmark.sh >"$OUT" 2>&1 &
BENCH=$!
SAMPLED=" "
while kill -0 $BENCH 2>/dev/null; do
  for pid in $(pgrep -f -- "-jar $DATA/strata.jar" || true); do
    case "$SAMPLED" in *" $pid "*) ;; *) SAMPLED="$SAMPLED$pid "; bench/cpu-sampler.py "$pid" "$DATA/db/pg" 0.1 >>"$SAMPLES" & ;; esac
  done
  sleep 0.2
done
wait $BENCH || true
wait
cat "$OUT"
# each "whole run N ms" in the output, in order, with the run's "customers assigned" log line
mapfile -t TOTALS < <(grep -o 'whole run [0-9]* ms' "$OUT" | grep -o '[0-9]*')
mapfile -t ENDS < <(grep 'customers assigned in' "$DATA/app.log" | tail -n ${#TOTALS[@]} | cut -c1-23)
for i in "${!TOTALS[@]}"; do
  end=$(date -u -d "${ENDS[$i]}" +%s.%N)
  start=$(echo "$end - ${TOTALS[$i]} / 1000" | bc -l)
  echo "=== run $((i + 1)) of ${#TOTALS[@]}: ${TOTALS[$i]} ms, ending ${ENDS[$i]}"
  bench/cpu-timeline.py "$SAMPLES" "$start" "$end" 0.2
done
