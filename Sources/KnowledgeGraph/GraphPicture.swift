import KGEngine
import KGStore

/// Graphviz pictures of the graph (`kg export --format dot`).
///
/// The picture holds the entity-to-entity edges of the graph: binary facts whose subject and
/// object are both entities (or IRIs, blank nodes), leaving out the naming and classifying
/// predicates (`label`, `alt_label`, `acronym`, `note`, `type`, `subclass_of`) and every fact
/// with a literal object. Only stated facts are drawn unless `derived` is true. Nodes are
/// labelled with their English label (else another label, else the id; long names wrapped
/// at spaces) and shaped and
/// coloured by their top class (the class `type/2` gives, followed up `subclass_of/2`); edges
/// are labelled with their predicate. Nodes and edges are sorted, so the output is byte-stable.
///
/// With `around`, only the neighbourhood of that entity: the entities within `depth` steps
/// of it along the drawn edges, in either direction, and the drawn edges between them (the
/// induced subgraph). The centre is drawn with a thick border.
public enum GraphPicture {
    /// `--around` named an entity no fact mentions.
    public struct UnknownEntity: Error, CustomStringConvertible {
        public let entity: Term
        public var description: String {
            "unknown entity '\(EntityNames.idText(entity))': no fact of the graph mentions it"
        }
    }

    /// Predicates that name or classify rather than relate: not drawn.
    static let skippedPredicates: Set<String> = ["label", "alt_label", "acronym", "note", "type", "subclass_of"]

    public static func dot(_ session: Session, around: Term?, depth: Int) throws -> String {
        try dot(session, around: around, depth: depth, derived: false)
    }

    public static func dot(_ session: Session, around: Term?, depth: Int, derived: Bool) throws -> String {
        let evaluator = try session.evaluate()
        let model = evaluator.model
        let dictionary = model.dictionary

        // The drawable edges, as (subject, predicate spelling, object).
        var edges: [(Term, String, Term)] = []
        var seen = Set<[String]>()
        for name in model.relations.keys.sorted() where name != "?-" && !skippedPredicates.contains(name) {
            guard let r = model.existingRelation(name), r.arity == 2 else { continue }
            let spelling = session.table[name]?.spelling ?? name
            for row in 0..<r.count where derived || evaluator.isStated(name, row: row) {
                let s = dictionary[r.value(row: row, column: 0)], o = dictionary[r.value(row: row, column: 1)]
                guard s.isNode, o.isNode else { continue }
                if seen.insert([EntityNames.idText(s), spelling, EntityNames.idText(o)]).inserted {
                    edges.append((s, spelling, o))
                }
            }
        }

        var nodes = Set<Term>()
        for (s, _, o) in edges {
            nodes.insert(s)
            nodes.insert(o)
        }
        if let centre = around {
            guard mentions(centre, in: model) else { throw UnknownEntity(entity: centre) }
            var neighbours: [Term: [Term]] = [:]
            for (s, _, o) in edges {
                neighbours[s, default: []].append(o)
                neighbours[o, default: []].append(s)
            }
            var reached: Set<Term> = [centre]
            var frontier = [centre]
            for _ in 0..<max(depth, 0) {
                var next: [Term] = []
                for n in frontier {
                    for m in neighbours[n] ?? [] where reached.insert(m).inserted { next.append(m) }
                }
                frontier = next
            }
            nodes = reached
            edges = edges.filter { reached.contains($0.0) && reached.contains($0.2) }
        }

        let names = EntityNames(model: model, language: .en)
        let classes = ClassHierarchy(model: model)
        var out = "digraph kg {\n"
        out += "  graph [rankdir=LR, fontname=\"Helvetica\"];\n"
        out += "  node [style=filled, fontname=\"Helvetica\", fontsize=10];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\"];\n"
        for node in nodes.sorted(by: { TermOrder.compare($0, $1) < 0 }) {
            let style = ClassStyle.of(top: classes.topClass(of: node))
            var attributes = "label=\(quote(wrap(names.display(node)))), shape=\(style.shape), fillcolor=\"\(style.colour)\""
            if node == around { attributes += ", penwidth=3" }
            out += "  \(quote(EntityNames.idText(node))) [\(attributes)];\n"
        }
        edges.sort { a, b in
            let c = TermOrder.compare(a.0, b.0)
            if c != 0 { return c < 0 }
            if a.1 != b.1 { return TermOrder.compareText(a.1, b.1) < 0 }
            return TermOrder.compare(a.2, b.2) < 0
        }
        for (s, p, o) in edges {
            out += "  \(quote(EntityNames.idText(s))) -> \(quote(EntityNames.idText(o))) [label=\(quote(p))];\n"
        }
        out += "}\n"
        return out
    }

    /// True when some fact (of any arity) has `term` as an argument.
    static func mentions(_ term: Term, in model: Database) -> Bool {
        guard let id = model.dictionary.id(for: term) else { return false }
        for (name, r) in model.relations where name != "?-" {
            for row in 0..<r.count where r.row(row).contains(id) { return true }
        }
        return false
    }

    /// A long name broken into lines of about `width` characters at spaces, so nodes stay
    /// compact.
    static func wrap(_ text: String, width: Int = 28) -> String {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                if !line.isEmpty && line.count + 1 + word.count > width {
                    lines.append(line)
                    line = String(word)
                } else {
                    line += (line.isEmpty ? "" : " ") + word
                }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// A DOT double-quoted string: backslashes and quotes escaped, line breaks as `\n`,
    /// other control characters dropped.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
