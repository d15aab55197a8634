#!/usr/bin/env bash
# Benchmarks kg alone on the benchmark kit's workloads (release build, whole process):
# wall time, CPU time, peak memory and answer counts; then tc-chain at growing sizes; then
# the saved seed-graph queries (whole process each, and the session-4 question inside the
# REPL with :timing on). Side-by-side runs with other engines use the kit's run_peers.sh
# (see BENCHMARKS.md).
#
#   scripts/bench.sh                 everything
#   ONLY="tc-random lubm-8" scripts/bench.sh
#   KIT=../shared/bench DATA=.bench-data RUNS=3 scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
KIT=${KIT:-../shared/bench}
DATA=${DATA:-.bench-data}
RUNS=${RUNS:-3}
ONLY=${ONLY:-"tc-chain-2000 tc-random sg neg lubm-8"}
swift build -c release --product kg >/dev/null
KG=$(swift build -c release --show-bin-path)/kg

mkdir -p "$DATA"
for w in $ONLY; do
    [ -d "$DATA/$w" ] || python3 "$KIT/gen.py" all "$DATA" --only "$w" >/dev/null
done

# best-of-RUNS wall time, its CPU time and the peak RSS, as "wall cpu MiB"
measure() {
    python3 - "$RUNS" "$@" <<'PY'
import resource, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
best = None
for _ in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if out.returncode != 0:
        sys.exit("failed: " + " ".join(cmd) + "\n" + out.stderr)
    if best is None or wall < best[0]:
        best = (wall, cpu, out.stdout)
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
answer = " ".join(line.replace("\t", "=") for line in best[2].split("\n")[1:] if line)
print(f"{best[0]:8.3f} {best[1]:8.3f} {rss:8.0f}  {answer}")
PY
}

echo "workload            wall s    cpu s  peak MiB  answer"
for w in $ONLY; do
    d="$DATA/$w"
    printf '%-18s' "$w"
    measure "$KG" run --no-seeds --format tsv "$d/facts.dl" "$d/count.dl"
    if [ -f "$d/rdf/data.nt" ]; then
        printf '%-18s' "$w (nt)"
        measure "$KG" run --no-seeds --format tsv --data "$d/rdf/data.nt" "$d/count_rdf.dl"
    fi
done

echo
echo "tc-chain scaling    wall s    cpu s  peak MiB  answer"
for n in 500 1000 2000 4000; do
    d="$DATA/tc-chain-n$n"
    [ -d "$d" ] || python3 "$KIT/gen.py" tc-chain "$d" --n "$n" >/dev/null
    printf '%-18s' "n=$n"
    measure "$KG" run --no-seeds --format tsv "$d/facts.dl" "$d/count.dl"
done

echo
echo "saved queries (seed graph, whole process)"
for q in queries/*.dl; do
    printf '%-48s' "$(basename "$q")"
    measure "$KG" run --format tsv "$q" | awk '{ printf "%7.1f ms  %5.0f MiB\n", $1 * 1000, $3 }'
done

echo
echo "session-4 question inside the REPL (:timing on; the second ask is warm)"
printf ':timing on\n?- member_of(S, csm), presented(S, v_plenary_session_4).\n?- member_of(S, csm), presented(S, v_plenary_session_4).\n' \
    | "$KG" --format tsv | grep '^time'
