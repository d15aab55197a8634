import KGStore

/// What a source's page adds: every fact cited to it, grouped by the entity it is about.
enum SourcePage {
    static func sections(_ source: Term, ctx: PageContext) -> String {
        let model = ctx.model
        let facts = model.facts(model.cited[source])
        guard !facts.isEmpty else { return "" }
        var text = ""
        if model.passages.span(source) != nil || model.passages.isInference(source) {
            text = EntityPage.section(model.passages.isInference(source) ? "Inference" : "Text", model.passages.block(source, ctx: ctx, id: "text"))
        }
        var bySubject: [Term: [SiteFact]] = [:]
        for f in facts { bySubject[f.arguments.first ?? source, default: []].append(f) }
        var body = "<p>\(facts.count) facts about \(bySubject.count) entities are cited to this source.</p>\n"
        body += "<table class=\"facts cited\">\n<thead><tr><th>About</th><th>Predicate</th><th>Value</th><th>Also cited to</th></tr></thead>\n<tbody>\n"
        for subject in model.sortedByName(Array(bySubject.keys)) {
            let rows = bySubject[subject] ?? []
            for (i, f) in rows.enumerated() {
                body += "<tr>"
                if i == 0 { body += "<td" + (rows.count > 1 ? " rowspan=\"\(rows.count)\"" : "") + ">\(ctx.value(subject))</td>" }
                let others = SiteFact(name: f.name, predicate: f.predicate, arguments: f.arguments,
                                      sources: f.sources.filter { $0 != source }, derived: false)
                let rest = f.arguments.dropFirst().map(ctx.value).joined(separator: ", ")
                body += "<td class=\"p\">\(HTML.escape(f.predicate))</td><td>\(rest)</td><td class=\"srcs\">\(others.sources.isEmpty ? "" : ctx.sources(others))</td></tr>\n"
            }
        }
        body += "</tbody>\n</table>\n"
        return text + EntityPage.section("Facts cited to this source", body)
    }
}
