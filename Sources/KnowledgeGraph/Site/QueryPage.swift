import Foundation
import KGEngine
import KGLanguage
import KGStore

/// `kg serve`'s query page (`/query`, `/en/query`): an editor for a query (highlighted and
/// with completion by `query.js`), the example questions, and, when the address carries a
/// query (`query?q=…`), its answers — so an answer is a link one can send. Each answer is a
/// table whose entities link to their pages, with the number of rows, the time taken, CSV
/// and JSON downloads, and beside each row a `why` link to the proofs of the facts that make
/// it hold (shown inline by the script). Errors show their message with the line and caret.
enum QueryPage {
    /// The examples, the session-4 question first: English title (translated like the
    /// page's words) and query.
    static let examples: [(title: String, query: String)] = [
        ("Which CSM member states presented at session 4 of the V Plenary?", "?- member_of(S, csm), presented(S, v_plenary_session_4)."),
        ("The member states of the CSM", "?- member_of(S, csm)."),
        ("The member states of the CRM", "?- member_of(S, crm)."),
        ("States that shared at least four good practices", "?- practice_count(S, N), N >= 4."),
        ("Which states attended both the II and the V Plenary?", "?- type(S, state), attended(S, ii_plenary), attended(S, v_plenary)."),
        ("Entities named like “Perú”, with or without accents", "?- like(L, \"peru\"), label(X, L)."),
        ("Meetings with their start dates", "?- start_date(M, D)."),
    ]

    /// Rows shown in a table; the downloads have all of them.
    static let maxRows = 1000

    static func render(model: SiteModel, text: String?, outcome: ReadOnlyAnswers?, milliseconds: Double) -> String {
        let ctx = PageContext(model: model, root: "")
        let t = ctx.t
        let shown = text ?? examples[0].query
        var main = "<section class=\"ask\">\n<h1>\(t("Ask the graph"))</h1>\n"
        main += "<p class=\"lead\">\(t("Write a query in kg's Datalog and run it. Names complete as you type (Tab or Enter takes the first); Ctrl+Enter runs the query."))</p>\n"
        main += "<form class=\"query\" method=\"get\" action=\"query\">\n<div class=\"editor\">"
        main += "<pre class=\"highlight\" aria-hidden=\"true\"></pre>"
        main += "<textarea id=\"q\" name=\"q\" rows=\"4\" spellcheck=\"false\" autocomplete=\"off\" autocapitalize=\"off\" aria-label=\"\(HTML.escape(t("Query")))\">\(HTML.escape(shown))</textarea>"
        main += "<ul id=\"kg-complete\" class=\"complete\" role=\"listbox\" hidden></ul></div>\n"
        main += "<div class=\"actions\"><button type=\"submit\" id=\"run\">\(t("Run"))</button></div>\n</form>\n"
        main += "<details class=\"examples\"\(outcome == nil ? " open" : "")><summary>\(t("Examples"))</summary>\n<ul>\n"
        for example in examples {
            main += "<li><a href=\"query?q=\(URLText.encode(example.query))\">\(HTML.escape(t(example.title)))</a> <code>\(HTML.escape(example.query))</code></li>\n"
        }
        main += "</ul>\n</details>\n</section>\n"
        if let outcome, let text {
            main += answers(outcome, text: text, milliseconds: milliseconds, ctx: ctx)
        } else {
            main += "<p class=\"hint\">\(t("Write a query above, or open an example."))</p>\n"
        }
        let path = "query" + (text.map { "?q=" + URLText.encode($0) } ?? "")
        return HTML.page(title: t("Query"), ctx: ctx, path: path, main: main, scripts: ["query.js"])
    }

    static func answers(_ outcome: ReadOnlyAnswers, text: String, milliseconds: Double, ctx: PageContext) -> String {
        let t = ctx.t
        var out = "<section class=\"answers\" id=\"answers\">\n"
        let warnings = outcome.diagnostics.filter { !$0.isError }
        let errors = outcome.diagnostics.filter(\.isError) + (outcome.evaluationError.map { [$0.diagnostic] } ?? [])
        for w in warnings { out += diagnostic(w, kind: "warning", ctx: ctx) }
        if !errors.isEmpty {
            out += "<div class=\"problem\"><h2>\(t("Error"))</h2><p>\(t("The query could not be answered."))</p>\n"
            for e in errors { out += diagnostic(e, kind: "error", ctx: ctx) }
            out += "</div>\n"
        }
        let encoded = URLText.encode(text)
        for (i, answer) in outcome.answers.enumerated() {
            let query = outcome.queries.indices.contains(i) ? outcome.queries[i] : nil
            out += "<div class=\"answer\">\n<h2>\(t("Answer"))\(outcome.answers.count > 1 ? " \(i + 1)" : "") <code>\(HTML.escape(answer.query))</code></h2>\n"
            let count = answer.isBoolean ? (answer.holds ? t("yes") : t("no")) : (answer.rows.count == 1 ? t("1 row") : t("%1 rows", answer.rows.count))
            var meta = "<span class=\"rows\">\(count)</span>"
            if i == 0 { meta += " · <span class=\"time\">\(t("in %1 ms", number(milliseconds, ctx.t)))</span>" }
            meta += " · \(t("Download")) <a href=\"/api/query?q=\(encoded)&amp;format=csv&amp;download=1\" download>CSV</a>"
            meta += " <a href=\"/api/query?q=\(encoded)&amp;format=json&amp;download=1\" download>JSON</a>"
            meta += " · <a class=\"share\" href=\"query?q=\(encoded)\">\(t("Link to this answer"))</a>"
            out += "<p class=\"meta\">\(meta)</p>\n"
            out += table(answer, query: query, ctx: ctx)
            out += "</div>\n"
        }
        return out + "</section>\n"
    }

    static func table(_ answer: QueryAnswer, query: Query?, ctx: PageContext) -> String {
        let t = ctx.t
        var out = "<table class=\"facts answer\">\n<thead><tr>"
        for c in answer.columns { out += "<th>\(HTML.escape(c))</th>" }
        out += "<th class=\"why\"></th></tr></thead>\n<tbody>\n"
        for (r, row) in answer.rows.prefix(maxRows).enumerated() {
            out += "<tr>"
            for term in row { out += "<td>\(ctx.value(term))</td>" }
            let facts = query.map { Session.rowFacts(of: $0, answer: answer, row: r) } ?? []
            if facts.isEmpty {
                out += "<td class=\"why\"></td>"
            } else {
                let href = "why?" + facts.map { "fact=" + URLText.encode($0) }.joined(separator: "&")
                out += "<td class=\"why\"><a class=\"why\" href=\"\(HTML.escape(href))\" title=\"\(HTML.escape(facts.joined(separator: ", ")))\">\(t("why"))</a></td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if answer.rows.count > maxRows {
            out += "<p class=\"more\">\(t("Showing the first %1 of %2 rows; the downloads have them all.", maxRows, answer.rows.count))</p>\n"
        }
        return out
    }

    static func diagnostic(_ d: Diagnostic, kind: String, ctx: PageContext) -> String {
        var out = "<div class=\"diagnostic \(kind)\"><p><strong>\(ctx.t(kind == "error" ? "Error" : "Warning"))</strong>"
        if let range = d.range {
            let (line, column) = range.file.lineAndColumn(of: range.start)
            out += " <span class=\"where\">\(line):\(column)</span>"
        }
        out += " \(HTML.escape(d.message))</p>"
        if d.range != nil {
            let rendered = DiagnosticRenderer.render(Diagnostic(d.severity, "", at: d.range))
            let caret = rendered.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
            out += "<pre class=\"caret\">\(HTML.escape(caret))</pre>"
        }
        for note in d.notes { out += "<p class=\"note\">\(HTML.escape(note.message))</p>" }
        return out + "</div>\n"
    }

    /// `1.3` or `1,3`, with one decimal.
    static func number(_ value: Double, _ language: SiteLanguage) -> String {
        let text = String(format: "%.1f", value)
        return language == .es ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
