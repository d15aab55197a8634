#!/usr/bin/env python3
"""The load client of scripts/serve-bench.sh when wrk is not installed: CLIENTS threads, each
with one keep-alive connection, send REQUESTS GET requests in all (the paths in turn) and
time each one. Prints requests per second, latency percentiles and errors; exit status 1
when any request failed. Standard library only (the GIL makes it slower than wrk: its
figures are a floor)."""
import argparse
import http.client
import sys
import threading
import time
import urllib.parse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--paths", required=True)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--requests", type=int, default=20000)
    args = ap.parse_args()
    paths = [p for p in open(args.paths).read().split("\n") if p]
    host = urllib.parse.urlparse(args.url)
    latencies, errors = [], []
    lock = threading.Lock()
    per_client = [args.requests // args.clients + (1 if i < args.requests % args.clients else 0) for i in range(args.clients)]

    def client(i):
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
        mine, bad = [], []
        for k in range(per_client[i]):
            path = paths[(i + k) % len(paths)]
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                r = conn.getresponse()
                r.read()
                if r.status != 200:
                    bad.append(r.status)
            except (OSError, http.client.HTTPException) as e:
                bad.append(str(e))
                conn.close()
                conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1000

    print(f"requests {len(latencies)} in {elapsed:.2f} s: {len(latencies) / elapsed:.0f} requests/s")
    print(f"latency p50 {pct(50):.2f} ms, p90 {pct(90):.2f} ms, p99 {pct(99):.2f} ms, max {latencies[-1] * 1000:.2f} ms")
    print(f"errors: {len(errors)}" + (f" (first: {errors[:3]})" if errors else ""))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
