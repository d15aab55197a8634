/// `query.js`, the script of `kg serve`'s query page (served from the server itself, as the
/// Content-Security-Policy requires; no inline script). Without it the page still works: the
/// form runs the query and the `why` links open the proofs on a page of their own. With it:
///
/// - the editor highlights the language (comments, strings, IRIs, dates, numbers, variables,
///   predicates, `?-` and `:-`, `not`, directives) in a layer behind the text area;
/// - names complete as one types, from `/api/complete` (the REPL's completion): arrows
///   choose, Tab or Enter takes, Escape closes;
/// - Ctrl+Enter (or Cmd+Enter) runs the query;
/// - `why` opens the proofs inline under the row, from `why?…&part=1` (HTML the server
///   escaped, parsed with DOMParser and moved in as nodes).
enum QueryScript {
    static let script = #"""
    // kg serve: the query page's editor (highlighting, completion) and inline proofs.
    (function () {
      "use strict";
      var q = document.getElementById("q");
      var editor = q && q.parentNode;
      var layer = editor && editor.querySelector("pre.highlight");
      var list = document.getElementById("kg-complete");
      var form = q && q.form;

      // Highlighting: one span per token, built with text nodes only.
      var TOKEN = /(%[^\n]*)|("(?:[^"\\\n]|\\.)*"?(?:@[A-Za-z-]+)?)|(<[^<>\s]*>)|(\?-|:-)|(\d{4}-\d{2}(?:-\d{2})?(?![\d]))|(-?\d+(?:\.\d+)?)|([A-Z_][A-Za-z0-9_]*)|([a-z][A-Za-z0-9_]*(?::[A-Za-z0-9_]+)?)|(@[a-z]+)|(\s+)|([\s\S])/g;
      var KINDS = [null, "t-comment", "t-string", "t-iri", "t-op", "t-date", "t-number", "t-var", "t-name", "t-directive", null, "t-punct"];
      function highlight() {
        if (!layer) return;
        while (layer.firstChild) layer.removeChild(layer.firstChild);
        var text = q.value, m;
        TOKEN.lastIndex = 0;
        while ((m = TOKEN.exec(text)) !== null) {
          var kind = null;
          for (var k = 1; k < KINDS.length; k++) if (m[k] !== undefined) { kind = KINDS[k]; break; }
          if (kind === "t-name") {
            var rest = text.slice(TOKEN.lastIndex).match(/^\s*\(/);
            kind = m[0] === "not" ? "t-keyword" : (rest ? "t-pred" : "t-entity");
          }
          if (kind) {
            var span = document.createElement("span");
            span.className = kind;
            span.textContent = m[0];
            layer.appendChild(span);
          } else {
            layer.appendChild(document.createTextNode(m[0]));
          }
        }
        layer.appendChild(document.createTextNode("\n"));
        layer.scrollTop = q.scrollTop;
        layer.scrollLeft = q.scrollLeft;
      }

      // Completion of the word before the cursor.
      var items = [], chosen = 0, pending = null, asked = "";
      function wordBefore() {
        var end = q.selectionStart, start = end;
        while (start > 0 && /[\p{L}\p{N}_]/u.test(q.value.charAt(start - 1))) start--;
        return { start: start, end: end, text: q.value.slice(start, end) };
      }
      function closeList() {
        items = [];
        if (list) { list.hidden = true; while (list.firstChild) list.removeChild(list.firstChild); }
      }
      function showList(candidates) {
        closeList();
        if (!list || candidates.length === 0) return;
        items = candidates.slice(0, 12);
        chosen = 0;
        items.forEach(function (c, i) {
          var li = document.createElement("li");
          li.setAttribute("role", "option");
          li.textContent = c.kind === "entity" ? c.name + (c.label ? " (" + c.label + ")" : "") : c.name + "/" + c.arity;
          li.className = "c-" + c.kind + (i === 0 ? " chosen" : "");
          li.addEventListener("mousedown", function (ev) { ev.preventDefault(); take(i); });
          list.appendChild(li);
        });
        list.hidden = false;
      }
      function mark() {
        for (var i = 0; i < list.children.length; i++) list.children[i].classList.toggle("chosen", i === chosen);
      }
      function take(i) {
        var w = wordBefore(), c = items[i];
        if (!c) return;
        q.setRangeText(c.insert, w.start, w.end, "end");
        closeList();
        highlight();
        q.focus();
      }
      function complete() {
        var w = wordBefore();
        if (w.text.length < 2) { closeList(); return; }
        if (w.text === asked) return;
        asked = w.text;
        fetch("/api/complete?word=" + encodeURIComponent(w.text)).then(function (r) { return r.json(); }).then(function (body) {
          if (wordBefore().text === body.word) showList(body.candidates || []);
        }).catch(function () { closeList(); });
      }

      if (q) {
        editor.classList.add("live");
        q.addEventListener("input", function () {
          highlight();
          asked = "";
          if (pending) clearTimeout(pending);
          pending = setTimeout(complete, 120);
        });
        q.addEventListener("scroll", function () { layer.scrollTop = q.scrollTop; layer.scrollLeft = q.scrollLeft; });
        q.addEventListener("blur", function () { setTimeout(closeList, 150); });
        q.addEventListener("keydown", function (ev) {
          if ((ev.ctrlKey || ev.metaKey) && ev.key === "Enter") { ev.preventDefault(); closeList(); form.submit(); return; }
          if (items.length === 0) return;
          if (ev.key === "ArrowDown") { ev.preventDefault(); chosen = (chosen + 1) % items.length; mark(); }
          else if (ev.key === "ArrowUp") { ev.preventDefault(); chosen = (chosen + items.length - 1) % items.length; mark(); }
          else if (ev.key === "Tab" || ev.key === "Enter") { ev.preventDefault(); take(chosen); }
          else if (ev.key === "Escape") { closeList(); }
        });
        highlight();
      }

      // Proofs inline, under the row.
      document.addEventListener("click", function (ev) {
        var a = ev.target.closest && ev.target.closest("a.why");
        if (!a) return;
        ev.preventDefault();
        var row = a.closest("tr");
        var next = row.nextElementSibling;
        if (next && next.classList.contains("why-row")) { next.hidden = !next.hidden; return; }
        var tr = document.createElement("tr");
        tr.className = "why-row";
        var td = document.createElement("td");
        td.colSpan = row.children.length;
        td.textContent = document.documentElement.lang === "es" ? "Cargando…" : "Loading…";
        tr.appendChild(td);
        row.parentNode.insertBefore(tr, row.nextSibling);
        fetch(a.getAttribute("href") + "&part=1").then(function (r) { return r.text(); }).then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          td.textContent = "";
          while (doc.body.firstChild) td.appendChild(document.adoptNode(doc.body.firstChild));
        }).catch(function (e) { td.textContent = String(e); });
      });
    })();

    """#
}
