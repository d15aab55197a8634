import KGStore

/// What a class's page adds: its place in the hierarchy, its subclasses, and its direct
/// instances (the `type/2` facts naming it, with their sources).
enum ClassPage {
    static func sections(_ cls: Term, ctx: PageContext) -> String {
        let model = ctx.model
        let classes = model.classes
        var body = "<p class=\"hierarchy\">\(classes.ancestry(of: cls).reversed().map { ctx.link($0) }.joined(separator: " › "))</p>\n"
        let subclasses = model.sortedByName(classes.children[cls] ?? [])
        if !subclasses.isEmpty { body += "<h3>\(ctx.t("Subclasses"))</h3>\n" + ctx.entityList(subclasses) }
        let total = allInstances(of: cls, classes).count
        let direct = model.facts(model.incoming[cls]).filter { $0.name == "type" && !$0.derived }
        if !direct.isEmpty {
            body += "<h3>\(ctx.t("Instances (%1 of this class; %2 with its subclasses)", direct.count, total))</h3>\n"
            body += ctx.edgeTable(ctx.sortedEdges(direct, column: 0), column: 0, heading: ("", "Instance"))
        } else if total > 0 {
            body += "<p>\(ctx.t("No direct instances; %1 through its subclasses.", total))</p>\n"
        }
        return EntityPage.section(ctx.t("Class"), body)
    }

    /// Instances of the class and of all its subclasses.
    static func allInstances(of cls: Term, _ classes: ClassHierarchy) -> Set<Term> {
        var result = Set<Term>()
        var seen: Set<Term> = [cls]
        var stack = [cls]
        while let c = stack.popLast() {
            result.formUnion(classes.instances[c] ?? [])
            for sub in classes.children[c] ?? [] where seen.insert(sub).inserted { stack.append(sub) }
        }
        return result
    }
}
