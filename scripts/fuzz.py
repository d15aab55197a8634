#!/usr/bin/env python3
"""Out-of-process fuzzer for the `kg` binary (scripts/fuzz.sh builds kg and runs this).

Mutates the corpus (every .dl of the golden fixtures, seeds/*.dl, queries/*.dl and the
RDF samples of scripts/fuzz-corpus/) at the byte and token level, runs `kg` on each mutant
with small limits (`--max-facts 10000 --timeout 1`) and keeps, for triage, every input that

  - kills kg with a signal (a crash: a Swift trap, a stack overflow, a segfault),
  - runs past the wall-clock limit (a hang), confirmed by a second, longer run,
  - exits with a status other than 0, 1 or 2, or exits 1 without saying why on stderr,
  - prints more than 64 MB (an error cascade),
  - prints invalid JSON with --format json, or prints a raw control character (ESC, NUL, ...)
    from the data in a table or in an error message.

Findings go to Tests/KGCommandLineTests/Fixtures/fuzz-crashes/ (KIND-HASH.EXT, with a
KIND-HASH.txt beside it holding the command line, the exit status, the seed and the end of
standard error). Only the standard library is used.

    python3 scripts/fuzz.py --kg .build/debug/kg --seconds 60 [--seed N]
    python3 scripts/fuzz.py --kg .build/debug/kg --minimise Tests/.../fuzz-crashes/KIND-HASH.txt
"""
import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SPECIAL = [
    b"\x00", b"\xff", b"\xfe", b"\xef\xbb\xbf", b'"', b"(", b")", b"%", b"\n", b"\r\n", b"\r",
    b"\\", b".", b",", b":-", b"?-", b"@", b"@include ", b'@include "', b"@prefix ", b"@source ",
    b"@pred ", b"not ", b"!", b"<", b">", b"/*", b"*/", b"//", b"\\u", b"\\U0010FFFF", b"\\uD800",
    b"99999999999999999999", b"9223372036854775807", b"9223372036854775808",
    b"-9223372036854775808", b"0.000000000000000000000000001", b"1e308", b"2024-02-30",
    b"2024-13", b"0000-00", b"9999-12-31", b"_", b"count<", b"sum<", b"min<", b"max<", b"\x1b[31m",
    b"\x1b", b"\x07", b"\x7f", b"\xc2\x85", b"\xc3", b"\xe2\x80\xa8", b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\xf0\x9f\x98\x80", b"X", b"_Y", b"p(X)", b"\t", b"^^",
    b"@en", b"@", b" a ", b";", b"[", b"]", b"_:b", b"<http://x/>", b"<>", b"ex:", b"xsd:",
    b"'", b'"""', b"/", b"*", b"+", b"-", b"=", b"!=", b"<=", b">=", b"% 2", b"/ 0", b"% 0",
    b"triple(", b"quad(", b"matches(", b'"(a+)+$"', b'"["', b'"\\\\"', b"like(", b"concat(",
    b"length(", b"str(", b"year_of(", b"fold(", b"lower(", b"N + 1", b"X * 2",
    # disjunction, body aggregates, cited/2 and the Souffle built-ins
    b" ; ", b";", b"(", b") ; (", b"not (", b"!(", b"{", b"}", b" : { ", b"N = count : { ",
    b"S = sum V : { ", b"M = min V : { ", b"M = max V : { ", b"A = mean V : { ", b"count : ",
    b"} >= 2", b"count:", b"mean<", b"cited(", b"not cited(", b"cited(p(X), G)", b"substr(",
    b"to_number(", b"range(", b"range(1, 9223372036854775807, X)", b"lang(", b"^", b" ^ -1",
    b" ^ 63", b"max(", b"min(", b"\\u0020", b"\\u003C", b"\\U0000007C",
    # answer options
    b" :order -", b" :order ", b" :limit ", b" :offset ", b" :select ", b" :limit -1", b" :limit 0",
    b":", b" :sort ",
]

TOKEN = re.compile(
    rb'"(?:[^"\\\n]|\\.)*"|<[^<>\s]*>|[A-Za-z_][A-Za-z0-9_]*(?::[A-Za-z0-9_]+)?|\d+(?:\.\d+)?|'
    rb':-|\?-|!=|<=|>=|\s+|.', re.S)

MAX_SIZE = 256 * 1024
CAPTURE = 1 << 20           # bytes of each output kept for the checks
FLOOD = 64 << 20            # more output than this for one input is a finding


def corpus_files():
    out = []
    fixtures = os.path.join(ROOT, "Tests", "KGCommandLineTests", "Fixtures")
    for base, dirs, files in os.walk(fixtures):
        dirs.sort()
        # Cases of known bugs would only find those bugs again (and slowly).
        if os.path.basename(base) == "fuzz-crashes" or "known_bug" in files:
            dirs[:] = []
            continue
        for f in sorted(files):
            if f.endswith((".dl", ".nt", ".nq", ".ttl")):
                out.append(os.path.join(base, f))
    for folder, exts in (("seeds", (".dl",)), ("queries", (".dl",)),
                         (os.path.join("scripts", "fuzz-corpus"), (".dl", ".nt", ".nq", ".ttl"))):
        d = os.path.join(ROOT, folder)
        if os.path.isdir(d):
            out += [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(exts)]
    return out


class Mutator:
    def __init__(self, rng, corpus):
        self.rng = rng
        self.corpus = corpus  # list of (bytes, ext)

    def other(self):
        return self.rng.choice(self.corpus)[0]

    def tokens(self, data):
        return TOKEN.findall(data)

    def mutate(self, data):
        r = self.rng
        for _ in range(r.choice((1, 1, 1, 2, 2, 3, 4, 8))):
            data = r.choice(self.OPS)(self, data)
            if len(data) > MAX_SIZE:
                data = data[:MAX_SIZE]
        return data

    # byte level
    def flip(self, d):
        if not d: return d
        i = self.rng.randrange(len(d))
        return d[:i] + bytes([d[i] ^ (1 << self.rng.randrange(8))]) + d[i + 1:]

    def set_byte(self, d):
        if not d: return bytes([self.rng.randrange(256)])
        i = self.rng.randrange(len(d))
        return d[:i] + bytes([self.rng.randrange(256)]) + d[i + 1:]

    def insert_special(self, d):
        i = self.rng.randrange(len(d) + 1)
        s = self.rng.choice(SPECIAL)
        if self.rng.random() < 0.1:
            s = s * self.rng.choice((2, 10, 100, 1000))
        return d[:i] + s + d[i:]

    def replace_special(self, d):
        if not d: return d
        i = self.rng.randrange(len(d))
        j = min(len(d), i + self.rng.randrange(1, 8))
        return d[:i] + self.rng.choice(SPECIAL) + d[j:]

    def delete_range(self, d):
        if not d: return d
        i = self.rng.randrange(len(d))
        j = min(len(d), i + self.rng.choice((1, 1, 2, 4, 16, 256, 4096)))
        return d[:i] + d[j:]

    def duplicate_range(self, d):
        if not d: return d
        i = self.rng.randrange(len(d))
        j = min(len(d), i + self.rng.choice((1, 2, 8, 64, 512)))
        k = self.rng.randrange(len(d) + 1)
        return d[:k] + d[i:j] * self.rng.choice((1, 1, 2, 16)) + d[k:]

    def splice(self, d):
        o = self.other()
        i = self.rng.randrange(len(d) + 1)
        j = self.rng.randrange(len(o) + 1)
        return d[:i] + o[j:]

    def insert_chunk(self, d):
        o = self.other()
        if not o: return d
        a = self.rng.randrange(len(o))
        b = min(len(o), a + self.rng.randrange(1, 200))
        i = self.rng.randrange(len(d) + 1)
        return d[:i] + o[a:b] + d[i:]

    def truncate(self, d):
        return d[:self.rng.randrange(len(d) + 1)]

    # token level
    def swap_tokens(self, d):
        t = self.tokens(d)
        if len(t) < 2: return d
        i, j = self.rng.randrange(len(t)), self.rng.randrange(len(t))
        t[i], t[j] = t[j], t[i]
        return b"".join(t)

    def replace_token(self, d):
        t = self.tokens(d)
        o = self.tokens(self.other())
        if not t or not o: return d
        t[self.rng.randrange(len(t))] = self.rng.choice(o)
        return b"".join(t)

    def delete_token(self, d):
        t = self.tokens(d)
        if not t: return d
        del t[self.rng.randrange(len(t))]
        return b"".join(t)

    def repeat_token(self, d):
        t = self.tokens(d)
        if not t: return d
        i = self.rng.randrange(len(t))
        t[i] = t[i] * self.rng.choice((2, 3, 50, 500))
        return b"".join(t)

    def nest(self, d):
        t = self.tokens(d)
        if not t: return d
        i = self.rng.randrange(len(t))
        n = self.rng.choice((1, 2, 10, 300, 3000))
        open_, close = self.rng.choice(((b"(", b")"), (b"-(", b")"), (b"[", b"]"), (b"(", b"")))
        t[i] = open_ * n + t[i] + close * n
        return b"".join(t)

    def duplicate_statement(self, d):
        parts = d.split(b".\n")
        if len(parts) < 2: return d
        i = self.rng.randrange(len(parts))
        parts.insert(self.rng.randrange(len(parts) + 1), parts[i])
        return b".\n".join(parts)

    def line_endings(self, d):
        return d.replace(b"\n", self.rng.choice((b"\r\n", b"\r", b"\n\n", b"\x00\n")))

    OPS = [flip, set_byte, insert_special, insert_special, replace_special, delete_range,
           duplicate_range, splice, insert_chunk, truncate, swap_tokens, replace_token,
           replace_token, delete_token, repeat_token, nest, duplicate_statement, line_endings]


def control_bytes(data):
    """Raw control characters that a terminal would act on (not \\n, \\t)."""
    return sorted(b for b in set(data) if (b < 0x20 and b not in (0x09, 0x0A)) or b == 0x7F)


def signature(status, stderr):
    """The kind of outcome, for feedback: status and the first message with names/numbers blurred."""
    first = stderr.split(b"\n", 1)[0]
    first = re.sub(rb"^[^:]*:\d+:\d+: ", b"", first)
    first = re.sub(rb"'[^']*'|\"[^\"]*\"|\d+", b"_", first)
    return (status, first[:120])


class Runner:
    """Runs kg in a scratch folder on one input and says what is wrong with the outcome."""

    def __init__(self, kg, limit):
        self.kg = kg
        self.limit = limit
        self.work = tempfile.mkdtemp(prefix="kg-fuzz-")
        # A file that mutated @include lines may find.
        with open(os.path.join(self.work, "rules.dl"), "wb") as h:
            h.write(b"r(X) :- q(X).\n")
        self.env = dict(os.environ, HOME=self.work, TERM="dumb", NO_COLOR="1")
        self.out_path = os.path.join(self.work, "stdout")
        self.err_path = os.path.join(self.work, "stderr")
        self.sizes = [0, 0]

    def close(self):
        shutil.rmtree(self.work, ignore_errors=True)

    def input_path(self, ext):
        return os.path.join(self.work, "input" + ext)

    def _read(self, path, i):
        self.sizes[i] = os.path.getsize(path)
        with open(path, "rb") as h:
            if self.sizes[i] <= 2 * CAPTURE:
                return h.read()
            head = h.read(CAPTURE)
            h.seek(-CAPTURE, os.SEEK_END)
            return head + b"\n[...]\n" + h.read()

    def run(self, argv, limit):
        """kg with its output in files (an error cascade can print gigabytes)."""
        with open(self.out_path, "wb") as o, open(self.err_path, "wb") as e:
            p = subprocess.Popen([self.kg] + argv, cwd=self.work, stdin=subprocess.DEVNULL, stdout=o,
                                 stderr=e, env=self.env)
            try:
                status = p.wait(timeout=limit)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                status = None
        return status, self._read(self.out_path, 0), self._read(self.err_path, 1)

    def classify(self, data, ext, argv, confirm=True):
        """Writes the input, runs kg; returns (finds, status, stderr), finds as [(kind, note)]."""
        with open(self.input_path(ext), "wb") as h:
            h.write(data)
        status, out, err = self.run(argv, self.limit)
        if status is None and max(self.sizes) > FLOOD // 8:
            # Still printing: an error cascade, not worth a second, longer run.
            return [("flood", f"over {max(self.sizes)} bytes of output and still printing after {self.limit:.0f} s")], None, err
        if status is None and confirm:
            # Confirm with a longer limit: the machine may just be busy.
            status, out, err = self.run(argv, self.limit * 3)
        if status is None:
            return [("hang", f"no exit within {self.limit * (3 if confirm else 1):.0f} s")], None, err
        finds = []
        if max(self.sizes) > FLOOD:
            finds.append(("flood", f"{self.sizes[0]} bytes on stdout, {self.sizes[1]} on stderr for a {len(data)}-byte input"))
        if status < 0 or status > 128:
            finds.append(("crash", f"signal {-status if status < 0 else status - 128}"))
        elif status not in (0, 1, 2):
            finds.append(("status", f"exit status {status}"))
        elif status == 1 and not err.strip():
            finds.append(("silent", "exit 1 with nothing on stderr"))
        else:
            fmt = argv[argv.index("--format") + 1] if "--format" in argv else None
            if fmt == "json" and status == 0 and argv[0] in ("run", "query"):
                try:
                    json.loads(out.decode("utf-8"))
                except (ValueError, UnicodeDecodeError) as e:
                    finds.append(("badjson", str(e)[:200]))
            if (fmt == "table" or argv[0] == "check") and control_bytes(out):
                finds.append(("rawctl-out", f"bytes {control_bytes(out)} in stdout"))
            if control_bytes(err):
                finds.append(("rawctl-err", f"bytes {control_bytes(err)} in stderr"))
        return finds, status, err


def random_command(rng, data, ext, path):
    """A kg command line for the input at `path`: run, check, explain, export or query, small limits."""
    seeds = ["--no-seeds"] if rng.random() < 0.95 else []
    limits = ["--max-facts", "10000", "--timeout", "1"]
    choice = rng.random()
    if choice < 0.6:
        return ["run"] + seeds + limits + ["--format", rng.choice(("table", "csv", "tsv", "json")), path]
    if choice < 0.7:
        return ["check"] + seeds + limits + [path]
    if choice < 0.75:
        return ["explain"] + seeds + limits + (["--no-times"] if rng.random() < 0.5 else []) + [path]
    if choice < 0.9:
        return ["export"] + seeds + limits + ["--format", rng.choice(("nt", "nq", "ttl", "dot")), "--data", path]
    toks = [t for t in TOKEN.findall(data) if not t.isspace()]
    a = rng.randrange(len(toks) + 1)
    q = b" ".join(toks[a:a + rng.randrange(1, 12)]).decode("utf-8", "replace")
    if "\x00" in q or not q.strip():
        q = "X = 1"
    return ["query"] + seeds + limits + ["--format", rng.choice(("table", "json")), "--data", path, q]


def minimise(args):
    """Shrinks a saved find while kg still shows the same kind of problem (delta debugging
    over lines, then bytes); writes NAME.min.EXT beside it and prints its command line."""
    with open(args.minimise) as h:
        meta = h.read().split("--- end of stderr ---", 1)[0]
    kind = re.search(r"^kind: (\S+)", meta, re.M).group(1)
    argv = json.loads(re.search(r"^argv: (.*)$", meta, re.M).group(1))
    base = os.path.splitext(args.minimise)[0]
    ext = next(e for e in (".dl", ".nt", ".nq", ".ttl") if os.path.exists(base + e))
    with open(base + ext, "rb") as h:
        data = h.read()
    runner = Runner(args.kg, args.limit)
    argv = [runner.input_path(ext) if a == "INPUT" else a for a in argv]
    tries = [0]

    def still(candidate):
        tries[0] += 1
        finds, _, _ = runner.classify(candidate, ext, argv, confirm=False)
        return any(k == kind for k, _ in finds)

    try:
        if not still(data):
            print(f"fuzz: {args.minimise}: kg no longer shows '{kind}' on this input")
            return 1
        for unit in ("lines", "bytes"):
            parts = data.splitlines(keepends=True) if unit == "lines" else [bytes([b]) for b in data]
            n = 2
            while len(parts) >= 2 and n <= len(parts):
                size = (len(parts) + n - 1) // n
                for i in range(0, len(parts), size):
                    candidate = parts[:i] + parts[i + size:]
                    if candidate and still(b"".join(candidate)):
                        parts = candidate
                        n = max(n - 1, 2)
                        break
                else:
                    if size == 1:
                        break
                    n = min(len(parts), n * 2)
            data = b"".join(parts)
            if unit == "lines" and len(data) > 4096:
                break  # byte by byte would take too long; the lines are minimal
    finally:
        runner.close()
    out = base + ".min" + ext
    with open(out, "wb") as h:
        h.write(data)
    shown = ["kg"] + [os.path.basename(out) if a.startswith(runner.work) else a for a in argv]
    print(f"fuzz: {kind}: {len(data)} bytes after {tries[0]} runs -> {out}\n      {' '.join(shown)}\n"
          f"      input: {data[:500]!r}")
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kg", required=True)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--limit", type=float, default=10, help="wall-clock seconds per input before it counts as a hang")
    ap.add_argument("--out", default=os.path.join(ROOT, "Tests", "KGCommandLineTests", "Fixtures", "fuzz-crashes"))
    ap.add_argument("--max-per-kind", type=int, default=5)
    ap.add_argument("--fail-on", default="all",
                    help="kinds of find that make the exit status 1: 'all' or a comma-separated list "
                         "of crash,hang,status,silent,flood,badjson,rawctl-out,rawctl-err")
    ap.add_argument("--minimise", metavar="FIND.txt", help="shrink a saved find instead of fuzzing")
    args = ap.parse_args()
    if args.minimise:
        return minimise(args)

    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "little")
    rng = random.Random(seed)
    corpus = []
    for f in corpus_files():
        with open(f, "rb") as h:
            corpus.append((h.read(), os.path.splitext(f)[1]))
    print(f"fuzz: seed {seed}, {len(corpus)} corpus files, {args.seconds:.0f} s, kg = {args.kg}", flush=True)
    mutator = Mutator(rng, corpus)
    runner = Runner(args.kg, args.limit)
    seen = set()
    per_kind = {}
    found_kinds = set()
    findings = runs = 0
    started = last_report = time.time()

    def save(kind, note, data, ext, argv, status, stderr):
        nonlocal findings
        key = (kind, argv[0], signature(status if status is not None else -999, stderr)[1])
        per_kind[key] = per_kind.get(key, 0) + 1
        if per_kind[key] > args.max_per_kind:
            return
        findings += 1
        found_kinds.add(kind)
        os.makedirs(args.out, exist_ok=True)
        name = f"{kind}-{hashlib.sha1(data).hexdigest()[:12]}"
        with open(os.path.join(args.out, name + ext), "wb") as h:
            h.write(data)
        path = runner.input_path(ext)
        shown = ["kg"] + [name + ext if a == path else a for a in argv]
        with open(os.path.join(args.out, name + ".txt"), "w") as h:
            h.write(f"kind: {kind}\ncommand: {' '.join(shown)}\n")
            h.write(f"argv: {json.dumps(['INPUT' if a == path else a for a in argv])}\n")
            h.write(f"status: {status}\nseed: {seed}\nnote: {note}\n--- end of stderr ---\n")
            h.write(stderr[-4000:].decode("utf-8", "backslashreplace"))
        print(f"fuzz: FOUND {kind} (status {status}) -> {os.path.join(args.out, name + ext)} {note}\n"
              f"      input ({len(data)} bytes): {data[:300]!r}{'...' if len(data) > 300 else ''}", flush=True)

    try:
        while time.time() - started < args.seconds:
            base, ext = rng.choice(corpus)
            data = mutator.mutate(base)
            if rng.random() < 0.05:
                ext = rng.choice((".dl", ".nt", ".nq", ".ttl"))
            argv = random_command(rng, data, ext, runner.input_path(ext))
            runs += 1
            finds, status, err = runner.classify(data, ext, argv)
            for kind, note in finds:
                save(kind, note, data, ext, argv, status, err)
            if not finds:
                sig = signature(status, err)
                if sig not in seen and len(corpus) < 4000 and len(data) < 64 * 1024:
                    seen.add(sig)
                    corpus.append((data, ext))
            now = time.time()
            if now - last_report >= 60:
                last_report = now
                print(f"fuzz: {runs} runs, {runs / (now - started):.1f}/s, corpus {len(corpus)}, "
                      f"{len(seen)} outcomes, {findings} findings", flush=True)
    finally:
        runner.close()
    elapsed = time.time() - started
    print(f"fuzz: done: {runs} runs in {elapsed:.0f} s, seed {seed}, {findings} findings"
          + (f" in {args.out} ({', '.join(sorted(found_kinds))})" if findings else ""), flush=True)
    failing = found_kinds if args.fail_on == "all" else found_kinds & set(args.fail_on.split(","))
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
