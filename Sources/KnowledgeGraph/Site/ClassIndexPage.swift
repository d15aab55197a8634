import KGStore

/// `index.html`: every entity by class. Top classes (classes with no superclass) come in
/// the order of the seed graph's README, then any others by name, the class `class` (the
/// classes themselves) last; under each, its direct instances and then its subclasses,
/// recursively, all by name. Entities with no class are listed at the end.
enum ClassIndexPage {
    static let preferredOrder = ["state", "body", "meeting", "session", "instrument", "practice", "person", "source", "place", "modality_kind"]

    static func orderedRoots(_ model: SiteModel) -> [Term] {
        let roots = model.classes.roots
        var ordered: [Term] = preferredOrder.map { Term.entity($0) }.filter { roots.contains($0) }
        let rest = model.sortedByName(roots.filter { !ordered.contains($0) && $0 != .entity("class") })
        ordered += rest
        if roots.contains(.entity("class")) { ordered.append(.entity("class")) }
        return ordered
    }

    static func render(model: SiteModel) -> String {
        let ctx = PageContext(model: model, root: "")
        let roots = orderedRoots(model)
        let untyped = model.sortedByName(model.entities.filter { model.classes.types[$0] == nil })
        let stated = model.statedCount, derived = model.facts.count - stated
        let t = ctx.t
        var main = "<h1>\(t("Regional consultative processes on migration"))</h1>\n"
        main += "<p class=\"lead\">\(t("The knowledge graph of the Regional Conference on Migration (CRM) and the South American Conference on Migration (CSM): their member states, organs, meetings, instruments, good practices and the people named, with the sources of every fact. %1 entities, %2 stated facts and %3 derived by rules.", model.entities.count, stated, derived))</p>\n"
        main += "<p class=\"lead\">\(t("See also the %1 and the %2. The search box above finds entities by name, acronym or id.", "<a href=\"timeline.html\">\(t("timeline of meetings"))</a>", "<a href=\"states.html\">\(t("states"))</a>"))</p>\n"

        main += "<nav class=\"toc\"><h2>\(t("Classes"))</h2>\n<ul>\n"
        for root in roots {
            main += "<li><a href=\"#\(anchor(root))\">\(HTML.escape(model.names.display(root)))</a> <span class=\"count\">\(ClassPage.allInstances(of: root, model.classes).count)</span></li>\n"
        }
        if !untyped.isEmpty { main += "<li><a href=\"#untyped\">\(t("Without a class"))</a> <span class=\"count\">\(untyped.count)</span></li>\n" }
        main += "</ul>\n</nav>\n"

        for root in roots {
            var seen: Set<Term> = []
            main += "<section class=\"class-tree\" id=\"\(anchor(root))\">\n" + tree(root, level: 2, ctx: ctx, seen: &seen) + "</section>\n"
        }
        if !untyped.isEmpty {
            main += "<section class=\"class-tree\" id=\"untyped\">\n<h2>\(t("Without a class")) <span class=\"count\">\(untyped.count)</span></h2>\n" + ctx.entityList(untyped) + "</section>\n"
        }
        return HTML.page(title: t("Classes"), ctx: ctx, path: "index.html", main: main)
    }

    static func anchor(_ cls: Term) -> String { "class-" + PageNames.fileName(for: cls).replacingOccurrences(of: ".html", with: "") }

    /// A class heading (linked to its page, with its instance count), its direct
    /// instances, then each subclass one level down.
    static func tree(_ cls: Term, level: Int, ctx: PageContext, seen: inout Set<Term>) -> String {
        guard seen.insert(cls).inserted else { return "" }
        let model = ctx.model
        let tag = "h\(min(level, 6))"
        let total = ClassPage.allInstances(of: cls, model.classes).count
        var out = "<\(tag)>\(ctx.link(cls)) <span class=\"count\">\(total)</span></\(tag)>\n"
        out += ctx.entityList(model.sortedByName(model.classes.instances[cls] ?? []))
        let subclasses = model.sortedByName(model.classes.children[cls] ?? [])
        if !subclasses.isEmpty {
            out += "<div class=\"subclasses\">\n"
            for sub in subclasses { out += tree(sub, level: level + 1, ctx: ctx, seen: &seen) }
            out += "</div>\n"
        }
        return out
    }
}
