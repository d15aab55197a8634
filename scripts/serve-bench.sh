#!/usr/bin/env bash
# A bounded load benchmark of kg serve on loopback: CLIENTS keep-alive connections send
# REQUESTS requests in all, GET /api/query of the saved queries (queries/*.dl that define no
# rules of their own) in turn, to a release build of kg serve on the seed graph. Reports
# requests per second, latency percentiles (p50, p99), errors (any status but 200, any
# socket error) and the load average before and after. Uses wrk (Debian's package) when
# installed — it runs for a time, so the run lasts as long as REQUESTS take at the rate a
# 3-second warm-up measured — else scripts/serve_bench_client.py, which sends exactly REQUESTS.
#
#   scripts/serve-bench.sh                 32 clients, 20000 requests
#   CLIENTS=64 REQUESTS=50000 scripts/serve-bench.sh
#   KG_BINARY=.build/release/kg scripts/serve-bench.sh   an already built kg
#   WORKERS=4 scripts/serve-bench.sh       kg serve --workers 4 (default: its own choice)
#   BENCH_CLIENT=python scripts/serve-bench.sh            the Python client even if wrk is there
#
# Exit status 1 when any request failed.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${CLIENTS:-32}
requests=${REQUESTS:-20000}
if [ -n "${KG_BINARY:-}" ]; then
    kg=$KG_BINARY
else
    swift build -c release --product kg >/dev/null
    kg="$(swift build -c release --show-bin-path)/kg"
fi
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

# The request paths: one per saved query without rules.
python3 - "$work/paths.txt" <<'PY'
import glob, sys, urllib.parse
paths = []
for f in sorted(glob.glob("queries/*.dl")):
    text = open(f, encoding="utf-8").read()
    if ":-" in text:
        continue
    paths.append("/api/query?q=" + urllib.parse.quote(text, safe=""))
open(sys.argv[1], "w").write("\n".join(paths) + "\n")
PY
queries=$(wc -l < "$work/paths.txt")

serve_args=(serve --port 0)
[ -n "${WORKERS:-}" ] && serve_args+=(--workers "$WORKERS")
"$kg" "${serve_args[@]}" > "$work/out" 2> "$work/err" &
server=$!
for _ in $(seq 1 300); do grep -q "http://" "$work/out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/out" | head -1)
[ -n "$url" ] || { echo "kg serve did not start:"; cat "$work/err"; exit 1; }
echo "kg serve at $url ($(head -1 "$work/out" | sed 's/.*(\(.*\)).*/\1/')); $queries saved queries; $clients clients, $requests requests; $(nproc) cores"
# The load average (1, 5, 15 minutes) before and right after the run: other work on the
# machine makes the figures a floor.
load() { if [ -r /proc/loadavg ]; then cut -d' ' -f1-3 /proc/loadavg; else uptime | sed 's/.*load averages*: //'; fi; }
echo "load average before: $(load)"
# Every query must answer 200 before timing starts.
while read -r path; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "$url$path")
    [ "$status" = 200 ] || { echo "a saved query answered $status: $path"; exit 1; }
done < "$work/paths.txt"

if command -v wrk >/dev/null 2>&1 && [ "${BENCH_CLIENT:-}" != python ]; then
    threads=$(( $(nproc) < clients ? $(nproc) : clients ))
    {
        echo "local paths = {"
        sed 's/.*/  "&",/' "$work/paths.txt"
        echo "}"
        cat <<'LUA'
local counter, errors = 0, 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counter = math.random(#paths) end
function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end
function response(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + (t:get("errors") or 0) end
  io.write(string.format("requests %d in %.2f s: %.0f requests/s\n", summary.requests, summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n", latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  local e = summary.errors
  io.write(string.format("errors: %d non-200, %d connect, %d read, %d write, %d timeout\n", bad, e.connect, e.read, e.write, e.timeout))
end
LUA
    } > "$work/bench.lua"
    # wrk runs for a time, not a count: a 3-second run (which also warms the server up)
    # measures the rate, then the measured run lasts as long as REQUESTS take at that rate.
    wrk -t "$threads" -c "$clients" -d 3s --timeout 30s -s "$work/bench.lua" "$url" > "$work/warm.txt" 2>&1 || true
    rate=$(sed -n 's/^requests [0-9]* in [0-9.]* s: \([0-9]*\) requests\/s$/\1/p' "$work/warm.txt")
    [ -n "$rate" ] && [ "$rate" -gt 0 ] || { echo "the warm-up run failed:"; cat "$work/warm.txt"; exit 1; }
    seconds=$(( (requests + rate - 1) / rate ))
    [ "$seconds" -ge 5 ] || seconds=5
    echo "client: wrk, $threads threads, $seconds s (about $requests requests at the warm-up's $rate requests/s)"
    wrk -t "$threads" -c "$clients" -d "${seconds}s" --timeout 30s -s "$work/bench.lua" "$url" > "$work/wrk.txt" 2>&1 || true
    sed -n '/^requests /,$p' "$work/wrk.txt"
    echo "load average after: $(load)"
    grep -q "^errors: 0 non-200, 0 connect, 0 read, 0 write, 0 timeout" "$work/wrk.txt"
else
    echo "client: scripts/serve_bench_client.py"
    status=0
    python3 scripts/serve_bench_client.py --url "$url" --paths "$work/paths.txt" --clients "$clients" --requests "$requests" || status=$?
    echo "load average after: $(load)"
    exit "$status"
fi
