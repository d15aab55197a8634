import KGStore

/// The page of one entity: its names and class, notes, neighbourhood drawing, the sections
/// its kind adds (state, class, source), its literal properties, every stated edge out and
/// in and every other fact mentioning it, each with its sources as links; derived facts
/// last, marked derived.
enum EntityPage {
    /// Predicates shown in the names table rather than among the relations.
    static let namePredicates: Set<String> = ["label", "alt_label", "acronym", "type"]

    static func render(_ entity: Term, model: SiteModel) -> String {
        var ctx = PageContext(model: model, root: "../")
        let names = model.names
        let outgoing = model.facts(model.outgoing[entity])
        let incoming = model.facts(model.incoming[entity])
        let mentions = model.facts(model.mentions[entity])
        let isClass = model.classes.isClass(entity)
        // The facts whose passages this page shows (a class's instances are not among them).
        let pageFacts = outgoing + incoming.filter { !(isClass && $0.name == "type") } + mentions
        if model.passages.hasText { ctx.localPassages = Set(SitePassages.sources(of: pageFacts, where: model.passages.hasBlock)) }
        let title = names.display(entity)

        var main = "<article class=\"entity\">\n<header class=\"entity-head\">\n"
        main += "<p class=\"kind\">\(typeLine(entity, ctx))</p>\n"
        main += "<h1><span class=\"chip \(ctx.classToken(entity))\"></span>\(HTML.escape(title))</h1>\n"
        if let es = names.label(entity, language: "es"), es != title {
            main += "<p class=\"es\" lang=\"es\">\(HTML.escape(es))</p>\n"
        }
        var ident = "<code>\(HTML.escape(EntityNames.idText(entity)))</code>"
        let acronyms = (names.acronyms[entity] ?? []).map(\.text)
        if !acronyms.isEmpty { ident += " · " + HTML.escape(acronyms.joined(separator: ", ")) }
        let when = model.chronology.text(entity)
        if !when.isEmpty { ident += " · <span class=\"when\">\(HTML.escape(when))</span>" }
        if model.chronology.planned.contains(entity) { ident += " <span class=\"badge\">planned</span>" }
        main += "<p class=\"ident\">\(ident)</p>\n</header>\n"

        // Names and class, with their sources.
        let naming = ctx.sortedEdges(outgoing.filter { !$0.derived && namePredicates.contains($0.name) }, column: 1)
        if !naming.isEmpty {
            main += section("Names and class", ctx.edgeTable(naming, column: 1, heading: ("", "Value")))
        }

        let notes = outgoing.filter { $0.name == "note" && !$0.derived }
        if !notes.isEmpty {
            var list = "<ul class=\"notes\">\n"
            for n in notes { list += "<li>\(HTML.escape(n.arguments[1].text)) <span class=\"srcs\">\(ctx.sources(n))</span></li>\n" }
            main += section("Notes", list + "</ul>\n")
        }

        main += "<figure class=\"neighbourhood\">\n\(NeighbourhoodSVG.render(entity, model: model, root: ctx.root))<figcaption>Stated links of \(HTML.escape(title)): what it points to (→) on the right, what points to it (←) on the left.</figcaption>\n</figure>\n"

        if model.isA(entity, "state") { main += StatePage.sections(entity, ctx: ctx) }
        if isClass { main += ClassPage.sections(entity, ctx: ctx) }
        if model.cited[entity] != nil { main += SourcePage.sections(entity, ctx: ctx) }

        let properties = outgoing.filter { !$0.derived && !$0.arguments[1].isNode && !namePredicates.contains($0.name) && $0.name != "note" }
        main += section("Properties", ctx.edgeTable(ctx.sortedEdges(properties, column: 1), column: 1, heading: ("Property", "Value")))
        let out = outgoing.filter { !$0.derived && $0.arguments[1].isNode && $0.name != "type" }
        main += section("Links to other entities", ctx.edgeTable(ctx.sortedEdges(out, column: 1), column: 1, heading: ("Predicate", "To")))
        // A class's instances are listed by its own section.
        let into = incoming.filter { !$0.derived && !(isClass && $0.name == "type") }
        main += section("Links from other entities", ctx.edgeTable(ctx.sortedEdges(into, column: 0), column: 0, heading: ("Predicate", "From")))
        main += section("Other facts", ctx.factTable(mentions.filter { !$0.derived }))
        main += model.passages.section(for: pageFacts, ctx: ctx)

        let derivedOut = ctx.sortedEdges(outgoing.filter(\.derived), column: 1)
        let derivedIn = ctx.sortedEdges(incoming.filter(\.derived), column: 0)
        let derivedOther = mentions.filter(\.derived)
        let derivedCount = derivedOut.count + derivedIn.count + derivedOther.count
        if derivedCount > 0 {
            main += "<details class=\"derived-facts\">\n<summary>Derived facts (\(derivedCount)), computed by the rules</summary>\n"
            if !derivedOut.isEmpty { main += "<h3>From \(HTML.escape(title))</h3>\n" + ctx.edgeTable(derivedOut, column: 1, heading: ("Predicate", "To")) }
            if !derivedIn.isEmpty { main += "<h3>To \(HTML.escape(title))</h3>\n" + ctx.edgeTable(derivedIn, column: 0, heading: ("Predicate", "From")) }
            if !derivedOther.isEmpty { main += "<h3>Other derived facts</h3>\n" + ctx.factTable(derivedOther) }
            main += "</details>\n"
        }
        main += "</article>"
        return HTML.page(title: title, root: ctx.root, main: main)
    }

    /// "State" or "Body › Organ › Working group", each class linked; for every class the
    /// entity has.
    static func typeLine(_ entity: Term, _ ctx: PageContext) -> String {
        let types = ctx.model.classes.types[entity] ?? []
        guard !types.isEmpty else { return "Entity without a class" }
        return types.map { t in
            ctx.model.classes.ancestry(of: t).reversed().map { ctx.link($0) }.joined(separator: " › ")
        }.joined(separator: " · ")
    }

    /// A titled section, or nothing when `body` is empty.
    static func section(_ title: String, _ body: String) -> String {
        body.isEmpty ? "" : "<section>\n<h2>\(HTML.escape(title))</h2>\n\(body)</section>\n"
    }
}
