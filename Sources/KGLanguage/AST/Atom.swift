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
    /// `a(X) ; b(X)` or `( ... ; ... )`: alternatives, each a conjunction. Bodies hold this only
    /// as parsed; `Clause.branches()` and `Query.branches` multiply disjunctions out, so the
    /// analyser, the planner and the evaluator see conjunctions only.
    case disjunction([[Literal]], SourceRange)
    /// `N = count : { body }`, `S = sum V : { body }`, ... (an aggregate in a body).
    case aggregate(BodyAggregate)
    /// `cited(p(...), G)`: the stated fact p(...) is cited to source G.
    case cited(Citation)

    public var range: SourceRange {
        switch self {
        case .atom(let a): return a.range
        case .negated(_, let r), .comparison(_, _, _, let r), .disjunction(_, let r): return r
        case .aggregate(let a): return a.range
        case .cited(let c): return c.range
        }
    }
}

/// An aggregate in a rule or query body: `N = count : { body }`, `S = sum V : { body }`,
/// `M = min V : { ... }`, `M = max V : { ... }`, `A = mean V : { ... }` (either side of any
/// comparison operator).
///
/// The inner body's variables that also occur outside the aggregate are its grouping keys
/// (bound by the rest of the rule before the aggregate runs); the others are local to it.
/// `keys` and `branches` are filled in when the enclosing body is multiplied out
/// (`Clause.branches()`, `Query.branches`); as parsed, `keys` is empty.
public struct BodyAggregate: Sendable {
    public let kind: AggregateKind
    /// The aggregated expression (`V` of `sum V`); nil for `count`.
    public let target: Expr?
    /// The inner body as written (it may hold disjunctions and nested aggregates).
    public let body: [Literal]
    /// The inner body multiplied out, with nested aggregates resolved.
    public let branches: [BodyBranch]
    /// Grouping keys, in order of first appearance in the inner body.
    public let keys: [String]
    public let op: ComparisonOperator
    /// The other side of the comparison (the result variable of `N = count : {...}`).
    public let other: Expr
    /// True when the aggregate is written on the left (`count : { ... } = N`).
    public let aggregateOnLeft: Bool
    /// `count : { ... }` alone.
    public let aggregateRange: SourceRange
    /// The whole literal.
    public let range: SourceRange

    public init(kind: AggregateKind, target: Expr?, body: [Literal], branches: [BodyBranch], keys: [String],
                op: ComparisonOperator, other: Expr, aggregateOnLeft: Bool, aggregateRange: SourceRange, range: SourceRange) {
        self.kind = kind
        self.target = target
        self.body = body
        self.branches = branches
        self.keys = keys
        self.op = op
        self.other = other
        self.aggregateOnLeft = aggregateOnLeft
        self.aggregateRange = aggregateRange
        self.range = range
    }

    /// The same aggregate with resolved grouping keys and inner branches.
    public func resolved(keys: [String], branches: [BodyBranch]) -> BodyAggregate {
        BodyAggregate(kind: kind, target: target, body: body, branches: branches, keys: keys, op: op, other: other,
                      aggregateOnLeft: aggregateOnLeft, aggregateRange: aggregateRange, range: range)
    }

    /// `count : { ... }` as the user wrote it.
    public var spelling: String { aggregateRange.text }
}

/// `cited(p(T1, ..., Tn), G)`, or `not cited(...)`: the fact p(T1, ..., Tn), as stated (never
/// derived), is cited to source G (`default` when stated under no source).
public struct Citation: Sendable {
    /// The fact pattern; its arguments may be variables, bound or not.
    public let fact: Atom
    public let source: Expr
    public let negated: Bool
    public let range: SourceRange

    public init(fact: Atom, source: Expr, negated: Bool, range: SourceRange) {
        self.fact = fact
        self.source = source
        self.negated = negated
        self.range = range
    }
}
