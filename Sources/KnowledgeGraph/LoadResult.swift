import KGEngine
import KGLanguage

/// What loading a file or an input produced: its diagnostics and its queries, in order.
public struct LoadResult: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var queries: [Query] = []
    /// The facts and rules the load accepted, in order (for `:save`).
    public var clauses: [Clause] = []
    /// The `@pred` declarations it accepted.
    public var declarations: [PredicateDeclaration] = []
    /// Facts and rules the load added.
    public var factsAdded = 0
    public var rulesAdded = 0
    /// Files read from disk (named ones and those they include), for `kg check`'s summary.
    public var filesRead = 0

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.isError } }
}
