/// How a query's answer is shaped: the options written after its body, before the final `.`:
///
///     ?- practice_count(S, N), type(S, state) :order -N :limit 5.
///
/// `:select V1, V2, ...` chooses and orders the columns (projection keeps set semantics);
/// `:order K1, K2, ...` sorts by keys, `V` ascending or `-V` descending, ties broken by the
/// remaining columns ascending; `:offset M` skips the first M rows and `:limit N` keeps at
/// most N. Any subset, in any order, each at most once. The parser checks the syntax; the
/// analyser checks that the variables occur in the body (`QueryOptionsChecker`).
public struct QueryOptions: Sendable {
    /// A variable named by `:select` or `:order`, with its place.
    public struct Variable: Sendable {
        public let name: String
        public let range: SourceRange
        public init(name: String, range: SourceRange) {
            self.name = name
            self.range = range
        }
    }

    /// One `:order` key.
    public struct SortKey: Sendable {
        public let variable: Variable
        public let descending: Bool
        public init(variable: Variable, descending: Bool) {
            self.variable = variable
            self.descending = descending
        }
    }

    /// The variables of `:select`, in order, or nil without `:select`.
    public var select: [Variable]?
    /// The keys of `:order`, or nil without `:order`.
    public var order: [SortKey]?
    public var limit: Int?
    public var offset: Int?

    public init(select: [Variable]? = nil, order: [SortKey]? = nil, limit: Int? = nil, offset: Int? = nil) {
        self.select = select
        self.order = order
        self.limit = limit
        self.offset = offset
    }

    /// True when no option was written (the answer is shaped as it always was).
    public var isEmpty: Bool { select == nil && order == nil && limit == nil && offset == nil }

    /// The option names, as written after `:`.
    public static let names = ["select", "order", "limit", "offset"]
}

extension Query {
    /// Every variable of the body that an option may name: the named ones, `_`-prefixed ones
    /// included, outside body aggregates (their local variables have no value in an answer).
    public var bodyVariables: Set<String> {
        var out: [String] = []
        Disjunction.collectOuterVariables(body, into: &out)
        return Set(out)
    }

    /// The answer's columns: `:select`'s variables, else the body's named variables.
    public var columns: [String] { options.select?.map(\.name) ?? bodyColumns }
}
