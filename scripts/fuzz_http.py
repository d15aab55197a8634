#!/usr/bin/env python3
"""Fuzzer of malformed HTTP requests for `kg serve` (scripts/fuzz.sh runs it after fuzz.py).

Starts `kg serve --port 0` on the seed graph with small limits, then sends it mutated
requests over loopback: truncated, oversized, badly encoded (percent-escapes that are not
UTF-8, raw control bytes, bare CRs), with mangled methods, versions, headers, Content-Length
and chunk sizes, and several requests pipelined on one connection. Each case is one
connection: the bytes are sent, the write side shut, and everything the server sends back
is read until it closes. It keeps every case where

  - the server dies (crash) or stops answering a plain request afterwards (wedged),
  - a connection is not closed within the limit (hang),
  - a response is not well-formed HTTP/1.1: status line, headers, Content-Length that
    matches the body (badresponse),
  - a status is 500 or outside those kg serve sends (status),
  - a response lacks Content-Type with a charset or the Content-Security-Policy (headers),
  - a JSON response does not parse (badjson),

and at the end it checks that SIGTERM stops the server with exit status 0 (shutdown).
Findings go to Tests/KGCommandLineTests/Fixtures/fuzz-crashes/ as http-KIND-HASH.bin (the
bytes sent) and http-KIND-HASH.txt. Only the standard library is used.

    python3 scripts/fuzz_http.py --kg .build/debug/kg --seconds 30 [--seed N]
"""
import argparse
import hashlib
import json
import os
import random
import re
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALLOWED = {100, 200, 400, 404, 405, 408, 413, 414, 417, 431, 501, 503, 505}

QUERIES = [
    "member_of(S, csm), presented(S, v_plenary_session_4)",
    "member_of(S, crm)",
    "practice_count(S, N), N >= 4",
    'like(L, "peru"), label(X, L)',
    "label(X, L), X = chile",
    "member_of(S csm)",
    "X = 1 / 0",
    "triple(A, B, C), triple(D, E, F)",
    "not member_of(X, csm)",
]

SPECIAL = [b"\r", b"\n", b"\r\n", b"\x00", b"\xff", b"\xc3", b"\xe2\x80\xa8", b" ", b"\t", b":", b"%",
           b"%zz", b"%c3", b"%ff%fe", b"%00", b"%ed%a0%80", b"?", b"&", b"=", b"#", b"/", b"..", b"*",
           b"\x1b[31m", b"\x7f", b'"', b"<script>", b"HTTP/1.1", b"Content-Length: ", b"Transfer-Encoding: chunked",
           b"Host: x", b"Expect: 100-continue", b"Connection: close", b"0\r\n\r\n", b"ffffffff\r\n", b"-1"]


def base_requests(rng):
    """Well-formed requests the mutations start from."""
    q = rng.choice(QUERIES)
    enc = urllib.parse.quote(q)
    body = ("?- " + q + ".").encode()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 7]), body[i:i + 7]) for i in range(0, len(body), 7)) + b"0\r\n\r\n"
    return [
        b"GET /api/query?q=%s HTTP/1.1\r\nHost: localhost\r\n\r\n" % enc.encode(),
        b"GET /api/query?q=%s&format=csv&download=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" % enc.encode(),
        b"HEAD /api/query?q=%s HTTP/1.1\r\nHost: localhost\r\n\r\n" % enc.encode(),
        b"POST /api/query HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body),
        b"POST /api/query HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked,
        b"POST /api/query HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body),
        b"POST /api/query HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\nq=%s"
        % (len(enc) + 2, enc.encode()),
        b"GET /api/why?fact=%s HTTP/1.1\r\nHost: localhost\r\n\r\n" % urllib.parse.quote("presented(chile, v_plenary_session_4)").encode(),
        b"GET /api/describe?id=chile HTTP/1.0\r\n\r\n",
        b"GET /api/find?text=per%C3%BA HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"GET /api/complete?word=mem HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"GET /query?q=%s HTTP/1.1\r\nHost: localhost\r\n\r\n" % enc.encode(),
        b"GET /entities/chile.html HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"DELETE /api/query HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"OPTIONS * HTTP/1.1\r\nHost: localhost\r\n\r\n",
    ]


class Mutator:
    def __init__(self, rng):
        self.rng = rng

    def case(self):
        rng = self.rng
        reqs = base_requests(rng)
        n = 1 if rng.random() < 0.6 else rng.randrange(2, 6)
        parts = [rng.choice(reqs) for _ in range(n)]
        for _ in range(rng.randrange(0, 4)):
            i = rng.randrange(len(parts))
            parts[i] = self.mutate(parts[i])
        return b"".join(parts)

    def mutate(self, d):
        rng = self.rng
        op = rng.randrange(12)
        if op == 0 and d:                                   # truncate
            return d[:rng.randrange(len(d))]
        if op == 1:                                         # insert a special byte string
            i = rng.randrange(len(d) + 1)
            return d[:i] + rng.choice(SPECIAL) + d[i:]
        if op == 2 and d:                                   # flip a byte
            i = rng.randrange(len(d))
            return d[:i] + bytes([d[i] ^ (1 << rng.randrange(8))]) + d[i + 1:]
        if op == 3:                                         # oversized header
            size = rng.choice((4000, 8200, 9000, 20000))
            return d.replace(b"\r\n", b"\r\nX-Pad: " + b"a" * size + b"\r\n", 1)
        if op == 4:                                         # many headers
            return d.replace(b"\r\n", b"\r\n" + b"".join(b"X-%d: v\r\n" % k for k in range(rng.choice((50, 101, 300)))), 1)
        if op == 5:                                         # oversized or lying Content-Length
            value = rng.choice((b"0", b"1", b"65536", b"65537", b"999999999999", b"18446744073709551616", b"-5", b"1,1", b"abc"))
            if b"Content-Length:" in d:
                return re.sub(rb"Content-Length: \d+", b"Content-Length: " + value, d, count=1)
            return d.replace(b"\r\n\r\n", b"\r\nContent-Length: " + value + b"\r\n\r\n", 1)
        if op == 6:                                         # big body
            return d.replace(b"\r\n\r\n", b"\r\nContent-Length: 70000\r\n\r\n", 1) + b"x" * rng.choice((100, 70000))
        if op == 7:                                         # bad percent-encoding in the target
            return d.replace(b"?", b"?" + rng.choice((b"q=%ff&", b"q=%c0%af&", b"q=%&", b"q=%e2%82&", b"x=%00&")), 1)
        if op == 8:                                         # mangle the method or version
            m = rng.choice((b"G\x00T", b"get", b"PUT", b"BREW", b"", b"GET GET", b"X" * 300))
            v = rng.choice((b"HTTP/1.1", b"HTTP/1.0", b"HTTP/2.0", b"HTTP/1.1 ", b"HTTP/9", b"http/1.1", b""))
            line, sep, rest = d.partition(b"\r\n")
            fields = line.split(b" ")
            if len(fields) == 3:
                fields[0] = m if rng.random() < 0.5 else fields[0]
                fields[2] = v if rng.random() < 0.5 else fields[2]
            return b" ".join(fields) + sep + rest
        if op == 9:                                         # line endings
            return rng.choice((d.replace(b"\r\n", b"\n"), d.replace(b"\r\n", b"\r"), d.replace(b"\r\n", b"\n\r")))
        if op == 10:                                        # chunk sizes
            return d.replace(b"Transfer-Encoding: chunked", rng.choice((b"Transfer-Encoding: gzip, chunked",
                             b"Transfer-Encoding: chunked\r\nContent-Length: 3", b"Transfer-Encoding: chunked"))) \
                .replace(b"\r\n7\r\n", rng.choice((b"\r\nfffffff\r\n", b"\r\nz\r\n", b"\r\n7;x\r\n", b"\r\n\r\n")), 1)
        # delete a range
        if len(d) > 2:
            i = rng.randrange(len(d) - 1)
            j = rng.randrange(i + 1, min(len(d), i + 40) + 1)
            return d[:i] + d[j:]
        return d


def parse_responses(data, first_only=False):
    """Splits what the server sent into responses; raises ValueError when it is not HTTP.
    `first_only`: check only the first head (after a HEAD request the framing of what follows
    cannot be told from the bytes alone)."""
    out = []
    i = 0
    while i < len(data):
        end = data.find(b"\r\n\r\n", i)
        if end < 0:
            raise ValueError("a response head without its end")
        head = data[i:end].decode("latin-1")
        lines = head.split("\r\n")
        m = re.match(r"^HTTP/1\.1 (\d{3}) [A-Za-z \-]+$", lines[0])
        if not m:
            raise ValueError(f"bad status line {lines[0]!r}")
        status = int(m.group(1))
        headers = {}
        for line in lines[1:]:
            if ":" not in line:
                raise ValueError(f"bad header line {line!r}")
            k, v = line.split(":", 1)
            headers.setdefault(k.strip().lower(), v.strip())
        start = end + 4
        if status < 200:
            out.append((status, headers, b""))
            i = start
            continue
        if "content-length" not in headers:
            raise ValueError("a response without Content-Length")
        n = int(headers["content-length"])
        if first_only:
            out.append((status, headers, b""))
            return out
        body = data[start:start + n]
        if len(body) < n:
            raise ValueError(f"a body of {len(body)} bytes where Content-Length says {n}")
        out.append((status, headers, body))
        i = start + n
    return out


class Server:
    def __init__(self, kg):
        self.work = tempfile.mkdtemp(prefix="kg-fuzz-http-")
        self.err = open(os.path.join(self.work, "stderr"), "wb")
        self.proc = subprocess.Popen([kg, "serve", "--port", "0", "--timeout", "1", "--max-facts", "10000", "--workers", "2"],
                                     cwd=self.work, stdout=subprocess.PIPE, stderr=self.err, stdin=subprocess.DEVNULL)
        line = self.proc.stdout.readline().decode("utf-8", "replace")
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            raise SystemExit(f"fuzz-http: kg serve printed no URL: {line!r}")
        self.port = int(m.group(1))

    def alive(self):
        return self.proc.poll() is None

    def stderr_tail(self):
        self.err.flush()
        with open(os.path.join(self.work, "stderr"), "rb") as h:
            return h.read()[-4000:]

    def exchange(self, data, limit):
        """Sends `data`, shuts the write side, reads until close. Returns (bytes, closed)."""
        s = socket.create_connection(("127.0.0.1", self.port), timeout=limit)
        try:
            try:
                s.sendall(data)
                s.shutdown(socket.SHUT_WR)
            except OSError:
                pass  # the server may answer and close before reading it all (a 413, a 431)
            got = b""
            deadline = time.time() + limit
            while time.time() < deadline:
                r, _, _ = select.select([s], [], [], max(0.0, deadline - time.time()))
                if not r:
                    break
                try:
                    chunk = s.recv(65536)
                except ConnectionResetError:
                    return got, True
                if not chunk:
                    return got, True
                got += chunk
            return got, False
        finally:
            s.close()

    def stop(self, limit=30):
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(limit)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None


def check(case, got, closed):
    """The findings of one exchange."""
    finds = []
    if not closed:
        finds.append(("hang", "the connection was not closed"))
        return finds
    try:
        responses = parse_responses(got, first_only=b"HEAD" in case)
    except ValueError as e:
        finds.append(("badresponse", str(e)))
        return finds
    for status, headers, body in responses:
        if status not in ALLOWED:
            finds.append(("status", f"status {status}"))
        if status >= 200:
            ctype = headers.get("content-type", "")
            if "charset=utf-8" not in ctype and not ctype.startswith("application/octet-stream"):
                finds.append(("headers", f"Content-Type {ctype!r}"))
            if "script-src 'self'" not in headers.get("content-security-policy", ""):
                finds.append(("headers", "no Content-Security-Policy"))
            if ctype.startswith("application/json") and body:
                try:
                    json.loads(body.decode("utf-8"))
                except (ValueError, UnicodeDecodeError) as e:
                    finds.append(("badjson", str(e)[:100]))
    return finds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kg", required=True)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--limit", type=float, default=20, help="seconds before an open connection counts as a hang")
    ap.add_argument("--out", default=os.path.join(ROOT, "Tests", "KGCommandLineTests", "Fixtures", "fuzz-crashes"))
    ap.add_argument("--fail-on", default="all")
    ap.add_argument("--replay", metavar="FILE.bin", help="send one saved case and print what comes back")
    args = ap.parse_args()
    args.kg = os.path.abspath(args.kg)
    if args.replay:
        with open(args.replay, "rb") as h:
            case = h.read()
        server = Server(args.kg)
        got, closed = server.exchange(case, args.limit)
        print(got.decode("utf-8", "backslashreplace"))
        print(f"closed: {closed}; findings: {check(case, got, closed)}; alive: {server.alive()}")
        server.stop()
        return 0
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "little")
    rng = random.Random(seed)
    mutator = Mutator(rng)
    print(f"fuzz-http: seed {seed}, {args.seconds:.0f} s, kg = {args.kg}", flush=True)
    server = Server(args.kg)
    probe = b"GET /api/query?q=member_of(S,%20csm) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    kinds = {}
    statuses = {}
    findings = runs = 0
    started = time.time()

    def save(kind, note, data):
        nonlocal findings
        kinds[kind] = kinds.get(kind, 0) + 1
        if kinds[kind] > 5:
            return
        findings += 1
        os.makedirs(args.out, exist_ok=True)
        name = f"http-{kind}-{hashlib.sha1(data).hexdigest()[:12]}"
        with open(os.path.join(args.out, name + ".bin"), "wb") as h:
            h.write(data)
        with open(os.path.join(args.out, name + ".txt"), "w") as h:
            h.write(f"kind: {kind}\nseed: {seed}\nnote: {note}\nreplay: python3 scripts/fuzz_http.py --kg .build/debug/kg --replay {os.path.join(args.out, name)}.bin\n"
                    "--- end of stderr ---\n" + server.stderr_tail().decode("utf-8", "backslashreplace"))
        print(f"fuzz-http: FOUND {kind}: {note} -> {os.path.join(args.out, name)}.bin\n      {data[:300]!r}", flush=True)

    try:
        while time.time() - started < args.seconds:
            case = mutator.case()
            runs += 1
            try:
                got, closed = server.exchange(case, args.limit)
            except OSError as e:
                got, closed = b"", True
                if not server.alive():
                    save("crash", f"the server died: {e}", case)
                    break
            for m in re.finditer(rb"(?:^|\r\n)HTTP/1\.1 (\d{3}) ", got):
                statuses[int(m.group(1))] = statuses.get(int(m.group(1)), 0) + 1
            for kind, note in check(case, got, closed):
                save(kind, note, case)
            if not server.alive():
                save("crash", f"the server exited with {server.proc.returncode}", case)
                break
            if runs % 25 == 0:
                got, closed = server.exchange(probe, args.limit)
                if not got.startswith(b"HTTP/1.1 200 OK\r\n"):
                    save("wedged", f"a plain request got {got[:80]!r}", case)
                    break
    finally:
        status = server.stop() if server.alive() else server.proc.returncode
    if status != 0 and "crash" not in kinds:
        save("shutdown", f"SIGTERM ended kg serve with {status}", b"")
    elapsed = time.time() - started
    print(f"fuzz-http: done: {runs} cases in {elapsed:.0f} s, seed {seed}, {findings} findings; statuses "
          + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())), flush=True)
    failing = set(kinds) if args.fail_on == "all" else set(kinds) & set(args.fail_on.split(","))
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
