#!/usr/bin/env python3
"""The query page of `kg serve` in a real browser: headless Chromium driven over the DevTools
protocol (its websocket, spoken here with the standard library only).

It starts `kg serve --port 0` on the seed graph and Chromium, opens the query page, types
the session-4 question into the editor (taking `member_of(` from the completion list), runs
it with the button, and checks the answer table shows Argentina, Chile, Ecuador and
Uruguay; opens "why" beside Chile and checks the proof shows a source with its file and
lines (with --docs, also the cited passage's text); then loads the page's own address (the
shared link `/query?q=…`) in a fresh browser with `chromium --headless --dump-dom` and
checks it renders the same answer. Also the English switch, that every resource the pages
loaded came from the server itself, that they raised no console error (a CSP violation
would be one), completion by any name (`FEMI` offers the forum printed "FEMI 2022"), and
the site's search on the Spanish and English index pages.

    python3 scripts/browser_test.py --kg .build/debug/kg [--docs DIR] [--chromium chromium] [--screenshots DIR]

Exit status 0 when every check passed; the last line says "N passed, M failed".
"""
import argparse
import base64
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request

QUESTION_REST = "S, csm), presented(S, v_plenary_session_4)."
EXPECTED = ["Argentina", "Chile", "Ecuador", "Uruguay"]


class WebSocket:
    """A minimal RFC 6455 client: text frames out (masked), frames in, fragments joined."""

    def __init__(self, url, timeout=30):
        m = re.match(r"ws://([^:/]+):(\d+)(/.*)", url)
        host, port, path = m.group(1), int(m.group(2)), m.group(3)
        self.sock = socket.create_connection((host, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise RuntimeError("the websocket handshake failed")
            head += chunk
        head, self.rest = head.split(b"\r\n\r\n", 1)
        if not head.startswith(b"HTTP/1.1 101"):
            raise RuntimeError(f"the websocket handshake was refused: {head[:200]!r}")

    def _read(self, n):
        while len(self.rest) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("the websocket closed")
            self.rest += chunk
        out, self.rest = self.rest[:n], self.rest[n:]
        return out

    def send(self, text):
        data = text.encode()
        header = bytes([0x81])
        n = len(data)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def receive(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            opcode, n = b0 & 0x0F, b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(n)
            if opcode == 0x8:
                raise RuntimeError("the websocket closed")
            if opcode in (0x9, 0xA):
                continue  # ping/pong
            message += payload
            if b0 & 0x80:
                return message.decode("utf-8", "replace")


class Browser:
    """One page of a headless Chromium, driven with DevTools commands."""

    def __init__(self, chromium, profile):
        self.proc = subprocess.Popen([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                      "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=1280,1000",
                                      "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 60
        url = None
        while time.time() < deadline:
            line = self.proc.stderr.readline().decode("utf-8", "replace")
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                url = m.group(1)
                break
            if not line and self.proc.poll() is not None:
                break
        if not url:
            raise RuntimeError("Chromium printed no DevTools address")
        self.ws = WebSocket(url)
        self.next_id = 0
        self.events = []
        target = self.command("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.command("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.command(domain + ".enable", session=True)

    def command(self, method, params=None, session=False, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        deadline = time.time() + timeout
        while time.time() < deadline:
            reply = json.loads(self.ws.receive())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise RuntimeError(f"{method}: no reply")

    def js(self, expression):
        result = self.command("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, expression, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                value = self.js(expression)
            except RuntimeError:
                value = None  # the page is between two documents
            if value:
                return value
            time.sleep(0.1)
        return None

    def navigate(self, url):
        self.command("Page.navigate", {"url": url}, session=True)
        time.sleep(0.2)
        return self.wait(f"document.readyState === 'complete' && location.href === {json.dumps(url)}")

    def click(self, selector):
        """A real click: mouse down and up at the middle of the element."""
        box = self.js(f"(function(){{var e=document.querySelector({json.dumps(selector)}); if(!e) return null;"
                      "e.scrollIntoView({block:'center'}); var r=e.getBoundingClientRect(); return [r.x+r.width/2, r.y+r.height/2];})()")
        if not box:
            raise RuntimeError(f"nothing to click: {selector}")
        for kind in ("mousePressed", "mouseReleased"):
            self.command("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1}, session=True)

    def key(self, key, code, keycode):
        for kind in ("keyDown", "keyUp"):
            self.command("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": keycode}, session=True)

    def type(self, text):
        self.command("Input.insertText", {"text": text}, session=True)

    def screenshot(self, path):
        data = self.command("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        with open(path, "wb") as h:
            h.write(base64.b64decode(data))

    def console_errors(self):
        out = []
        for e in self.events:
            if e.get("method") == "Log.entryAdded" and e["params"]["entry"].get("level") == "error":
                out.append(e["params"]["entry"].get("text", ""))
            if e.get("method") == "Runtime.exceptionThrown":
                out.append(str(e["params"]["exceptionDetails"].get("text")))
        return out

    def close(self):
        self.proc.kill()
        self.proc.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kg", required=True)
    ap.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    ap.add_argument("--screenshots", default=None)
    ap.add_argument("--docs", default=None, help="the folder of the source documents, passed to kg serve --docs")
    args = ap.parse_args()
    passed, failed = [], []

    def check(name, ok, detail=""):
        (passed if ok else failed).append(name)
        print(f"{'ok  ' if ok else 'FAIL'} {name}" + (f": {detail}" if detail and not ok else ""), flush=True)

    work = tempfile.mkdtemp(prefix="kg-browser-")
    docs = ["--docs", os.path.abspath(args.docs)] if args.docs else []
    server = subprocess.Popen([os.path.abspath(args.kg), "serve", "--port", "0"] + docs, cwd=work,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    browser = None
    try:
        line = server.stdout.readline().decode()
        m = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        if not m:
            raise RuntimeError(f"kg serve printed no URL: {line!r}")
        base = m.group(1)
        browser = Browser(args.chromium, os.path.join(work, "profile"))

        # The query page: type the question, taking member_of( from the completion list.
        check("the query page opens", browser.navigate(base + "query"))
        browser.js("var q=document.getElementById('q'); q.focus(); q.select(); true")
        browser.type("?- member_o")
        shown = browser.wait("(function(){var l=document.getElementById('kg-complete'); return !l.hidden && l.textContent;})()")
        check("completion offers member_of/2", bool(shown) and "member_of/2" in shown, repr(shown))
        browser.key("Tab", "Tab", 9)
        text = browser.js("document.getElementById('q').value")
        check("Tab takes the completion", text == "?- member_of(", repr(text))
        browser.type(QUESTION_REST)
        highlighted = browser.js("document.querySelectorAll('.editor pre.highlight .t-var').length")
        check("the editor highlights the variables", highlighted == 2, repr(highlighted))
        if args.screenshots:
            browser.screenshot(os.path.join(args.screenshots, "query-typed.png"))

        browser.click("#run")
        ok = browser.wait("document.readyState === 'complete' && location.pathname === '/query' && location.search.indexOf('q=') > 0"
                          " && document.querySelector('table.answer') !== null")
        check("Run opens /query?q=… with the answer", bool(ok))
        cells = browser.js("Array.from(document.querySelectorAll('table.answer tbody tr td:first-child')).map(function(td){return td.textContent.trim();})")
        check("the answer is Argentina, Chile, Ecuador, Uruguay", cells == EXPECTED, repr(cells))
        count = browser.js("document.querySelector('.answers .meta .rows').textContent")
        check("the count is shown", count == "4 filas", repr(count))
        link = browser.js("document.querySelector('table.answer a.e').getAttribute('href')")
        check("entities link to their pages", link == "entities/argentina.html", repr(link))

        # why beside Chile: the proof inline, with a source.
        browser.click("table.answer tbody tr:nth-child(2) a.why")
        proof = browser.wait("(function(){var r=document.querySelector('tr.why-row'); return r && r.querySelector('a.src') && r.textContent;})()")
        check("why shows the proof with a source", bool(proof) and "src_doc003_session_4" in proof and "declarado en" in proof, repr(proof)[:300])
        check("why names the source's file and lines", bool(proof) and re.search(r"\d{3}_[0-9a-f]+\.txt, líneas \d+–\d+", proof) is not None,
              repr(proof)[:300])
        if args.docs:
            passage = browser.js("(function(){var p=document.querySelector('tr.why-row pre.passage-text'); return p && p.textContent;})()")
            check("with --docs why shows the cited passage", bool(passage) and "Chile" in passage, repr(passage)[:300])
        if args.screenshots:
            browser.screenshot(os.path.join(args.screenshots, "query-why.png"))
        check("no console error (CSP, scripts)", not browser.console_errors(), repr(browser.console_errors()))
        outside = browser.js("performance.getEntriesByType('resource').map(function(e){return e.name;})"
                             ".filter(function(n){return n.indexOf(location.origin + '/') !== 0;})")
        check("nothing is loaded from outside the server", outside == [], repr(outside))

        # The shared link, in a fresh browser that runs no script of ours first.
        shared = browser.js("location.href")
        dom = subprocess.run([args.chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={os.path.join(work, 'p2')}",
                              "--dump-dom", shared], capture_output=True, timeout=90).stdout.decode("utf-8", "replace")
        rows = re.findall(r'<tr><td><a class="e[^"]*" href="[^"]*" title="[^"]*">([^<]*)</a></td>', dom)
        check("the shared link renders the same answer", rows == EXPECTED, repr(rows))

        # The language switch.
        browser.click("a.lang-switch")
        ok = browser.wait("document.readyState === 'complete' && location.pathname === '/en/query' && document.documentElement.lang === 'en'")
        heading = browser.js("document.querySelector('h1').textContent")
        check("the switch opens the English page with the same query", bool(ok) and heading == "Ask the graph"
              and browser.js("document.querySelector('.answers .meta .rows').textContent") == "4 rows", repr(heading))
        browser.click("table.answer tbody tr:nth-child(2) a.why")
        proof = browser.wait("(function(){var r=document.querySelector('tr.why-row'); return r && r.querySelector('a.src') && r.textContent;})()")
        check("why in English", bool(proof) and "stated in" in proof and re.search(r"\.txt, lines \d+–\d+", proof) is not None, repr(proof)[:300])
        if args.screenshots:
            browser.screenshot(os.path.join(args.screenshots, "query-why-en.png"))
        check("no console error on the English page", not browser.console_errors(), repr(browser.console_errors()))

        # Completion by any name: "FEMI" (no predicate or id starts with it) offers the forum
        # by the alt label the documents print.
        browser.navigate(base + "query")
        browser.js("var q=document.getElementById('q'); q.focus(); q.select(); true")
        browser.type("?- x(FEMI")
        shown = browser.wait("(function(){var l=document.getElementById('kg-complete'); return !l.hidden && l.textContent;})()")
        check("completion offers entities by any name", bool(shown) and "imrf_2022 (FEMI 2022)" in shown, repr(shown))

        # The site's search, served by kg serve in both languages: by any name, showing the
        # name that matched when it is not the one the entry is shown by.
        for path, none in (("index.html", "Ninguna"), ("en/index.html", "No entity")):
            browser.navigate(base + path)
            browser.js("document.getElementById('kg-search').focus(); true")
            browser.type("FEMI 2022")
            found = browser.wait("(function(){var l=document.getElementById('kg-results');"
                                 " return !l.hidden && l.querySelector('a') && l.textContent;})()")
            check(f"the search of /{path} finds a forum by its printed name", bool(found) and "imrf_2022" in found
                  and "\u201cFEMI 2022\u201d" in found, repr(found)[:300])
            browser.js("var s=document.getElementById('kg-search'); s.value=''; s.focus(); true")
            browser.type("zzzqqq")
            nothing = browser.wait("(function(){var l=document.getElementById('kg-results'); var n=l.querySelector('li.none');"
                                   " return n && n.textContent;})()")
            check(f"the search of /{path} says when nothing matches, in its language", bool(nothing) and none in nothing, repr(nothing))
    except Exception as e:  # a step that could not run is a failure, with its reason
        check("the browser test ran", False, str(e))
    finally:
        if browser:
            browser.close()
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)
    print(f"browser test: {len(passed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
