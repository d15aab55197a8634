#!/usr/bin/env python3
"""The table BENCHMARKS.md records from one run of the benchmark kit's run_peers.sh.

    python3 scripts/side-by-side.py RESULTS.jsonl

For each instance: kg, Soufflé and the hand-written C (wall median / peak RSS), kg's time
and memory as fractions of Soufflé's, kg's time as a multiple of the C loop's, and the
load average at the start and end of kg's and Soufflé's runs. Standard library only.
"""
import json
import sys

ORDER = ["tc-chain-2000", "tc-random", "sg", "neg", "lubm-8"]


def main(path):
    runs = {}
    for line in open(path):
        r = json.loads(line)
        if r.get("status", "ok") != "ok" or r.get("wall_median") is None:
            continue
        runs[(r["workload"], r["peer"])] = r
    def cell(r):
        return f"{r['wall_median']:.2f} s / {r['maxrss_mib']:.0f} MiB" if r else "–"
    print("| instance | kg | Soufflé 2.5 | kg / Soufflé time | kg / Soufflé memory | C reference | kg / C time | load (start–end) |")
    print("|---|---|---|---|---|---|---|---|")
    rows = [(w, "kg") for w in ORDER] + [("lubm-8", "kg-nt")]
    for w, p in rows:
        kg, so, c = runs.get((w, p)), runs.get((w, "souffle")), runs.get((w, "ref-c"))
        if not kg:
            continue
        name = w if p == "kg" else f"{w} from N-Triples (`kg-nt`)"
        t = f"{kg['wall_median'] / so['wall_median']:.2f}" if so else "–"
        m = f"{kg['maxrss_mib'] / so['maxrss_mib']:.2f}" if so else "–"
        ct = f"{kg['wall_median'] / c['wall_median']:.2f}" if c else "–"
        loads = [x for r in (kg, so) if r for x in (r.get("loadavg_at_start"), r.get("loadavg_at_end"))]
        loads = [l[0] if isinstance(l, list) else l for l in loads if l is not None]
        load = f"{min(loads):.1f}–{max(loads):.1f}" if loads else "–"
        print(f"| {name} | {cell(kg)} | {cell(so)} | {t} | {m} | {cell(c)} | {ct} | {load} |")


if __name__ == "__main__":
    main(sys.argv[1])
