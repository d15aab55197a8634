import KGStore

/// A fact or rule: `head.` or `head :- body.` A fact is a clause with an empty body.
public struct Clause: Sendable {
    public let head: Atom
    /// The body as written; it may hold disjunctions (see `branches()`).
    public let body: [Literal]
    /// The `@source` in force where the clause was written (facts cite it).
    public let source: Term?
    public let range: SourceRange
    /// For one branch of a rule whose body has `;`: which branch it is. Nil otherwise.
    public let branch: Branch?

    public init(head: Atom, body: [Literal], source: Term?, range: SourceRange, branch: Branch? = nil) {
        self.head = head
        self.body = body
        self.source = source
        self.range = range
        self.branch = branch
    }
}

/// `?- body.`
public struct Query: Sendable {
    /// The body as written; it may hold disjunctions. What runs is `branches`.
    public let body: [Literal]
    /// The body multiplied out: one conjunction per branch, answered together (the union).
    public let branches: [BodyBranch]
    /// The query as written, without `?-` and the final `.` (JSON answers echo it).
    public let text: String
    public let range: SourceRange
    /// `:select`, `:order`, `:limit`, `:offset` written after the body.
    public let options: QueryOptions

    public init(body: [Literal], text: String, range: SourceRange, options: QueryOptions = QueryOptions()) {
        self.body = body
        self.text = text
        self.range = range
        self.options = options
        self.branches = Disjunction.branches(of: body, outside: [])
    }

    /// The body's named variables (not starting with `_`) in order of first appearance,
    /// leaving out those local to a body aggregate: the answer's columns without `:select`.
    public var bodyColumns: [String] {
        var out: [String] = []
        Disjunction.collectOuterVariables(body, into: &out)
        return out.filter { !$0.hasPrefix("_") }
    }
}

/// `@pred member_of(state, body) "A state is a member of a consultative process".`
public struct PredicateDeclaration: Sendable {
    public let predicate: String
    public let spelling: String
    /// Argument classes: `string`, `int`, `decimal`, `date`, `any`, or a class entity.
    public let argumentClasses: [String]
    public let description: String?
    public let range: SourceRange

    public init(predicate: String, spelling: String, argumentClasses: [String], description: String?, range: SourceRange) {
        self.predicate = predicate
        self.spelling = spelling
        self.argumentClasses = argumentClasses
        self.description = description
        self.range = range
    }

    public var arity: Int { argumentClasses.count }
}

/// A statement of a `.dl` file or of one REPL input.
public enum Statement: Sendable {
    case clause(Clause)
    case query(Query)
    /// `@include "path".` — resolved relative to the including file by the loader.
    case include(path: String, range: SourceRange)
    case declaration(PredicateDeclaration)

    public var range: SourceRange {
        switch self {
        case .clause(let c): return c.range
        case .query(let q): return q.range
        case .include(_, let r): return r
        case .declaration(let d): return d.range
        }
    }
}
