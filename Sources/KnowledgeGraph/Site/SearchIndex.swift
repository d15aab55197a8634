import KGEngine
import KGFormats
import KGStore

/// The offline search: `search-index.js` holds every entity's page, name, id, class and
/// searchable names — its id and every name of `NameIndex` (labels, alt labels, acronyms,
/// titles, headings, listed topics, descriptive labels) — folded to lowercase without
/// accents (`n`), with the names as stated beside them (`m`, same order), as a JSON array assigned to `window.KG_SEARCH_INDEX` (a script, not a `.json` file, since
/// browsers do not fetch files from disk); `search.js` folds the query the same way and lists
/// the matches under the search box of every page, built with DOM text nodes (no HTML from
/// the data is ever parsed).
enum SearchIndex {
    static func indexScript(model: SiteModel) -> String {
        var out = "window.KG_SEARCH_INDEX = [\n"
        let entries = model.sortedByName(model.entities)
        for (i, e) in entries.enumerated() {
            var folded: [String] = [], shown: [String] = []
            for name in model.names.searchNames(e) {
                let f = TextFolding.fold(name)
                if !folded.contains(f) {
                    folded.append(f)
                    shown.append(name)
                }
            }
            let cls = model.classes.types[e]?.first.map { model.names.display($0) } ?? ""
            let acronyms = (model.names.acronyms[e] ?? []).map(\.text).joined(separator: ", ")
            out += "{\"f\":\(json(PageNames.path(for: e))),\"l\":\(json(model.names.display(e))),\"i\":\(json(EntityNames.idText(e)))"
            out += ",\"c\":\(json(cls)),\"a\":\(json(acronyms)),\"n\":[\(folded.map(json).joined(separator: ","))]"
            out += ",\"m\":[\(shown.map(json).joined(separator: ","))]}"
            out += i == entries.count - 1 ? "\n" : ",\n"
        }
        return out + "];\n"
    }

    /// A JSON string literal that is also safe inside any script (`<`, `>`, `&` escaped).
    static func json(_ text: String) -> String { JSONText.string(text, forScript: true) }

    static let script = #"""
    // kg site search: matches ids and every name (labels, alt labels, acronyms, titles,
    // headings, listed topics, descriptive labels), ignoring case and accents. Offline:
    // the index is search-index.js, loaded by a script tag before this file.
    (function () {
      "use strict";
      var input = document.getElementById("kg-search");
      var list = document.getElementById("kg-results");
      if (!input || !list) return;
      var index = window.KG_SEARCH_INDEX || [];
      var root = document.body.getAttribute("data-root") || "";
      var marks;
      try { marks = new RegExp("\\p{Mn}", "gu"); } catch (e) { marks = /[\u0300-\u036f]/g; }
      function fold(s) { return s.normalize("NFD").replace(marks, "").toLowerCase(); }
      // [0: a name equals the query, 1: a name starts with it, 2: a name contains it, and the
      // first such name's position]; null: no match.
      function score(entry, q) {
        var best = null;
        for (var i = 0; i < entry.n.length; i++) {
          var p = entry.n[i].indexOf(q);
          if (p < 0) continue;
          var k = entry.n[i] === q ? 0 : (p === 0 ? 1 : 2);
          if (best === null || k < best[0]) best = [k, i];
        }
        return best;
      }
      function render() {
        var q = fold(input.value.trim());
        while (list.firstChild) list.removeChild(list.firstChild);
        if (!q) { list.hidden = true; return; }
        var hits = [];
        for (var i = 0; i < index.length; i++) {
          var s = score(index[i], q);
          if (s !== null) hits.push([s[0], i, s[1]]);
        }
        hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
        if (hits.length === 0) {
          var none = document.createElement("li");
          none.className = "none";
          none.textContent = (list.getAttribute("data-none") || "No entity matches \u201c%1\u201d").replace("%1", input.value.trim());
          list.appendChild(none);
        }
        for (var j = 0; j < hits.length && j < 30; j++) {
          var e = index[hits[j][1]];
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = root + e.f;
          a.textContent = e.l;
          li.appendChild(a);
          var meta = document.createElement("span");
          meta.className = "meta";
          // The name that matched, when it is not the one shown (an alt label, a title, ...).
          var matched = e.m && e.m[hits[j][2]];
          var other = matched && fold(matched) !== fold(e.l) && matched !== e.i ? "\u201c" + matched + "\u201d" : "";
          meta.textContent = [other, e.a, e.c, e.i].filter(function (x) { return x; }).join(" \u00b7 ");
          li.appendChild(meta);
          list.appendChild(li);
        }
        if (hits.length > 30) {
          var more = document.createElement("li");
          more.className = "none";
          more.textContent = (list.getAttribute("data-more") || "%1 more: type more letters").replace("%1", String(hits.length - 30));
          list.appendChild(more);
        }
        list.hidden = false;
      }
      input.addEventListener("input", render);
      input.addEventListener("focus", render);
      input.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") {
          var first = list.querySelector("a");
          if (first) window.location.href = first.href;
        } else if (ev.key === "Escape") {
          input.value = "";
          render();
        }
      });
      document.addEventListener("click", function (ev) {
        if (!ev.target.closest || !ev.target.closest(".search")) list.hidden = true;
      });
    })();

    """#
}
