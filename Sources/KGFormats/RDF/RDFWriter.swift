import KGStore

/// Writes statements as N-Triples, N-Quads or Turtle. Output is deterministic: statements are
/// written in the order given (sorting is the caller's job).
public struct RDFWriter: Sendable {
    public var format: RDFFormat
    /// Prefix name → namespace IRI, used by Turtle output.
    public var prefixes: [(String, String)]
    /// The namespace kg entities are exported under (Turtle prefix `kg`).
    public var entityBase: String

    /// prefixes: name → namespace IRI; entityBase: the namespace kg entities are exported
    /// under (default "urn:kg:", prefix "kg").
    public init(format: RDFFormat, prefixes: [(String, String)] = [], entityBase: String = "urn:kg:") {
        self.format = format
        self.prefixes = prefixes
        self.entityBase = entityBase
    }

    /// Appends `statements` to `output`. N-Triples ignores graphs; N-Quads writes a graph
    /// as the fourth term unless it is nil or `.entity("default")`; Turtle ignores graphs.
    public func write(_ statements: [RDFStatement], to output: inout String) {
        switch format {
        case .nTriples, .nQuads:
            for statement in statements {
                NTriplesSyntax.term(statement.subject, entityBase: entityBase, into: &output)
                output += " "
                NTriplesSyntax.term(statement.predicate, entityBase: entityBase, into: &output)
                output += " "
                NTriplesSyntax.term(statement.object, entityBase: entityBase, into: &output)
                if format == .nQuads, let graph = statement.graph, graph != Database.unsourcedTerm {
                    output += " "
                    NTriplesSyntax.term(graph, entityBase: entityBase, into: &output)
                }
                output += " .\n"
            }
        case .turtle:
            var writer = TurtleWriter(prefixes: prefixes, entityBase: entityBase)
            writer.write(statements, to: &output)
        }
    }

    /// The N-Triples form of one term (`<urn:kg:peru>`, `"Perú"@es`, `"42"^^<...#integer>`).
    public func text(for term: Term) -> String {
        var out = ""
        NTriplesSyntax.term(term, entityBase: entityBase, into: &out)
        return out
    }
}
