import KGEngine
import KGFormats
import KGStore

/// The graph as RDF statements, for `kg export`: every binary fact (stated, and derived when
/// asked), one statement per source in N-Quads, sorted so the output is byte-stable.
public enum GraphExport {
    /// What was left out and why.
    public struct Skipped: Sendable {
        public var literalSubjects = 0
        public var otherArities = 0
    }

    public static func statements(_ session: Session, derived: Bool) throws -> (statements: [RDFStatement], skipped: Skipped) {
        let evaluator = try session.evaluate()
        let model = evaluator.model
        let dictionary = model.dictionary
        var out: [RDFStatement] = []
        var skipped = Skipped()
        for name in model.relations.keys.sorted() where name != "?-" {
            guard let r = model.existingRelation(name) else { continue }
            guard r.arity == 2 else {
                skipped.otherArities += r.count
                continue
            }
            let predicate = Database.predicateTerm(name)
            for row in 0..<r.count {
                let stated = evaluator.isStated(name, row: row)
                guard stated || derived else { continue }
                let subject = dictionary[r.value(row: row, column: 0)]
                switch subject {
                case .entity, .iri, .blankNode: break
                default:
                    skipped.literalSubjects += 1
                    continue
                }
                let object = dictionary[r.value(row: row, column: 1)]
                let sources = r.sources[Int32(row)] ?? []
                if sources.isEmpty {
                    out.append(RDFStatement(subject: subject, predicate: predicate, object: object))
                } else {
                    for g in sources {
                        out.append(RDFStatement(subject: subject, predicate: predicate, object: object, graph: dictionary[g]))
                    }
                }
            }
        }
        out.sort { a, b in
            for (x, y) in [(a.subject, b.subject), (a.predicate, b.predicate), (a.object, b.object)] {
                let c = TermOrder.compare(x, y)
                if c != 0 { return c < 0 }
            }
            return TermOrder.compare(a.graph ?? .entity(""), b.graph ?? .entity("")) < 0
        }
        return (out, skipped)
    }
}
