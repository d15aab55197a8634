/// `p(T1, ..., Tn)`: a predicate applied to arguments.
public struct Atom: Sendable {
    /// The predicate's key: its name (`member_of`), or `<iri>` when written as an IRI or a
    /// prefixed name (`rdf:type` → `<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>`).
    public let predicate: String
    /// The predicate as the user spelled it, for messages.
    public let spelling: String
    public let predicateRange: SourceRange
    public let arguments: [Expr]
    public let range: SourceRange

    public init(predicate: String, spelling: String, predicateRange: SourceRange, arguments: [Expr], range: SourceRange) {
        self.predicate = predicate
        self.spelling = spelling
        self.predicateRange = predicateRange
        self.arguments = arguments
        self.range = range
    }

    public var arity: Int { arguments.count }

    /// `name/arity`, as messages show predicates.
    public var signature: String { "\(spelling)/\(arity)" }
}

/// One element of a rule or query body.
public enum Literal: Sendable {
    /// A positive atom (a stored or derived predicate, or a built-in).
    case atom(Atom)
    /// `not p(...)` or `!p(...)`.
    case negated(Atom, SourceRange)
    /// `A op B`; `X = expr` binds X when X is not yet bound.
    case comparison(ComparisonOperator, Expr, Expr, SourceRange)

    public var range: SourceRange {
        switch self {
        case .atom(let a): return a.range
        case .negated(_, let r), .comparison(_, _, _, let r): return r
        }
    }
}
