import KGStore

/// The drawing of an entity's neighbourhood, made by kg itself as inline SVG.
///
/// Layout (deterministic, no forces): the entity sits in the centre of an ellipse; the
/// entities it points to (stated edges out) lie on the right arc, those pointing to it on the
/// left arc, each side spaced evenly from top to bottom (by predicate, then name), so labels,
/// written outward, never overlap. A neighbour linked both ways is drawn once, on the right.
/// Each neighbour shows its name and the predicates joining it to the centre (`member_of →`
/// for an edge out, `← part_of` for an edge in), is coloured by its top class and links to
/// its page. At most `maxPerSide` neighbours a side are drawn; the rest are counted. Edges
/// are the stated entity-to-entity facts the Graphviz picture draws; on a class's page also
/// its `type` and `subclass_of` edges.
enum NeighbourhoodSVG {
    static let maxPerSide = 24
    static let width = 960.0
    static let rowHeight = 34.0
    static let labelLimit = 34

    struct Neighbour {
        let term: Term
        var predicates: [String]
    }

    static func neighbours(of entity: Term, model: SiteModel) -> (right: [Neighbour], left: [Neighbour]) {
        let isClass = model.classes.isClass(entity)
        func drawn(_ f: SiteFact) -> Bool {
            guard !f.derived, f.isBinary, f.arguments[0].isNode, f.arguments[1].isNode, f.arguments[0] != f.arguments[1] else { return false }
            if ["type", "subclass_of"].contains(f.name) { return isClass }
            return !GraphPicture.skippedPredicates.contains(f.name)
        }
        var right: [Term: [String]] = [:], left: [Term: [String]] = [:]
        for f in model.facts(model.outgoing[entity]) where drawn(f) { right[f.arguments[1], default: []].append(f.predicate + " →") }
        for f in model.facts(model.incoming[entity]) where drawn(f) {
            let other = f.arguments[0]
            if right[other] != nil { right[other, default: []].append("← " + f.predicate) } else { left[other, default: []].append("← " + f.predicate) }
        }
        func ordered(_ map: [Term: [String]]) -> [Neighbour] {
            let names = model.sortedByName(Array(map.keys))
            var position: [Term: Int] = [:]
            for (i, t) in names.enumerated() { position[t] = i }
            return map.map { Neighbour(term: $0.key, predicates: Array(Set($0.value)).sorted()) }.sorted { a, b in
                let (pa, pb) = (a.predicates.joined(separator: ","), b.predicates.joined(separator: ","))
                if pa != pb { return TermOrder.compareText(pa, pb) < 0 }
                return (position[a.term] ?? 0) < (position[b.term] ?? 0)
            }
        }
        return (ordered(right), ordered(left))
    }

    static func render(_ entity: Term, model: SiteModel, root: String) -> String {
        let ctx = PageContext(model: model, root: root)
        let (allRight, allLeft) = neighbours(of: entity, model: model)
        let right = Array(allRight.prefix(maxPerSide)), left = Array(allLeft.prefix(maxPerSide))
        let rows = max(right.count, left.count, 1)
        let span = Double(rows - 1) * rowHeight
        let top = 40.0
        let cx = width / 2, cy = top + max(span, 60) / 2
        let ry = max(span, 60) / 2 + rowHeight
        var present = Set<String>()
        present.insert(model.topClassName(entity) ?? "other")

        var lines = "", nodes = ""
        for (side, list) in [(1.0, right), (-1.0, left)] {
            let k = list.count
            let step = k > 1 ? min(rowHeight * 2, max(span, 60) / Double(k - 1)) : 0
            for (i, n) in list.enumerated() {
                let y = cy + (Double(i) - Double(k - 1) / 2) * step
                let dy = (y - cy) / ry
                let x = cx + side * (110 + 110 * (1 - dy * dy).squareRoot())
                present.insert(model.topClassName(n.term) ?? "other")
                let style = colour(n.term, model)
                // The direction is in the predicate text (→ out, ← in), not in arrowheads,
                // which would pile up at the centre.
                let (x1, y1, x2, y2) = shorten(cx, cy, x, y, 16, 8)
                lines += "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\"/>\n"
                let name = model.names.display(n.term)
                let anchor = side > 0 ? "start" : "end"
                let tx = x + side * 12
                let preds = n.predicates.joined(separator: ", ")
                nodes += "<a href=\"\(ctx.href(n.term))\"><title>\(HTML.escape(name + " (" + preds + ")"))</title>"
                nodes += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"7\" fill=\"\(style.colour)\"/>"
                nodes += "<text x=\"\(f(tx))\" y=\"\(f(y - 2))\" text-anchor=\"\(anchor)\" class=\"n\">\(HTML.escape(HTML.shorten(name, labelLimit)))</text>"
                nodes += "<text x=\"\(f(tx))\" y=\"\(f(y + 11))\" text-anchor=\"\(anchor)\" class=\"pr\">\(HTML.escape(HTML.shorten(preds, labelLimit + 8)))</text></a>\n"
            }
        }

        var legendY = cy + ry + 14
        var extra = ""
        let hidden = (allRight.count - right.count) + (allLeft.count - left.count)
        if hidden > 0 {
            extra += "<text x=\"\(f(cx))\" y=\"\(f(legendY))\" text-anchor=\"middle\" class=\"more\">\(model.language("and %1 more neighbours, listed in the tables below", hidden))</text>\n"
            legendY += 20
        }
        if allRight.isEmpty && allLeft.isEmpty {
            extra += "<text x=\"\(f(cx))\" y=\"\(f(cy + 40))\" text-anchor=\"middle\" class=\"more\">\(model.language("no stated links to other entities"))</text>\n"
        }
        // Legend: the top classes drawn.
        let legendItems = ClassStyle.ordered.filter { present.contains($0.name) }.map { ($0.name, $0.style.colour) }
            + (present.contains("class") ? [("class", ClassStyle.classEntity.colour)] : [])
            + (present.contains { n in n != "class" && !ClassStyle.ordered.contains { $0.name == n } } ? [("other", ClassStyle.other.colour)] : [])
        var lx = 20.0
        var legend = ""
        for (id, colour) in legendItems {
            // The class's label in the page's language ("Estado", "State"), else its id.
            let name = id == "other" ? model.language("other") : model.names.display(.entity(id))
            legend += "<circle cx=\"\(f(lx))\" cy=\"\(f(legendY))\" r=\"5\" fill=\"\(colour)\"/><text x=\"\(f(lx + 9))\" y=\"\(f(legendY + 4))\" class=\"lg\">\(HTML.escape(name))</text>\n"
            lx += 22 + Double(name.count) * 7
        }
        let height = legendY + 16

        let centreStyle = colour(entity, model)
        let centreName = HTML.escape(HTML.shorten(model.names.display(entity), 48))
        var svg = "<svg class=\"hood\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(model.language("Neighbourhood of %1", HTML.escape(model.names.display(entity))))\">\n"
        svg += "<g class=\"edges\">\n\(lines)</g>\n<g class=\"nodes\">\n\(nodes)</g>\n"
        svg += "<circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"15\" fill=\"\(centreStyle.colour)\" class=\"centre\"/>\n"
        svg += "<text x=\"\(f(cx))\" y=\"\(f(cy - 22))\" text-anchor=\"middle\" class=\"c\">\(centreName)</text>\n"
        svg += extra + legend + "</svg>\n"
        return svg
    }

    /// The style of a node: its top class's, with classes themselves in their own grey.
    static func colour(_ term: Term, _ model: SiteModel) -> ClassStyle {
        model.topClassName(term) == "class" ? ClassStyle.classEntity : ClassStyle.of(top: model.classes.topClass(of: term))
    }

    /// The segment from (x1, y1) to (x2, y2) cut by `a` at its start and `b` at its end.
    static func shorten(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ a: Double, _ b: Double) -> (Double, Double, Double, Double) {
        let dx = x2 - x1, dy = y2 - y1
        let length = max((dx * dx + dy * dy).squareRoot(), 1)
        return (x1 + dx * a / length, y1 + dy * a / length, x2 - dx * b / length, y2 - dy * b / length)
    }

    /// A coordinate with one decimal, the same text on every machine.
    static func f(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }
}
