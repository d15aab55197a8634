import KGStore

/// How a term prints in answers: an entity by its id, a string by its characters, numbers and
/// dates in canonical form, an IRI compacted with a declared prefix when one matches
/// (`ex:alice`) and in angle brackets otherwise.
public struct TermText: Sendable {
    /// Prefixes for compacting IRIs, longest namespace first.
    private let prefixes: [(String, String)]

    public init(prefixes: [(String, String)] = []) {
        self.prefixes = prefixes.sorted { $0.1.count > $1.1.count }
    }

    public func text(_ term: Term) -> String {
        switch term {
        case .iri(let iri):
            for (name, namespace) in prefixes where iri.hasPrefix(namespace) {
                let local = iri.dropFirst(namespace.count)
                if !local.isEmpty, local.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
                    return "\(name):\(local)"
                }
            }
            return "<\(iri)>"
        default:
            return term.text
        }
    }
}
