import KGLanguage

/// Every predicate a session has seen: its arity, where it was first used, its `@pred`
/// declaration, and whether it has facts or rules. Persists across the files and REPL inputs
/// of a session, so "one name, one arity" holds throughout.
public final class PredicateTable: @unchecked Sendable {
    /// What is known of one predicate.
    public struct Entry: Sendable {
        public let name: String
        public var spelling: String
        public let arity: Int
        public var firstUse: SourceRange?
        public var declaration: PredicateDeclaration?
        public var hasFacts = false
        public var hasRules = false

        /// `name/arity` as the user spells it.
        public var signature: String { "\(spelling)/\(arity)" }
    }

    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    /// The entry of `name`, if the predicate was ever used.
    public subscript(name: String) -> Entry? { entries[name] }

    /// Records a use of `name` with `arity` at `range`; an error if the arity differs from the
    /// first use (reported here, at the second use, with a note at the first).
    public func use(_ name: String, spelling: String, arity: Int, at range: SourceRange?) -> Diagnostic? {
        if let builtin = BuiltinCatalog.signature(name) {
            guard builtin.arity == arity else {
                return .error("arity mismatch: built-in \(name) takes \(builtin.arity) argument\(builtin.arity == 1 ? "" : "s") (\(builtin.usage)), not \(arity)", at: range)
            }
            return nil
        }
        if let entry = entries[name] {
            guard entry.arity == arity else {
                let notes = entry.firstUse.map { [Diagnostic.Note("\(entry.signature) is first used here", at: $0)] } ?? []
                return .error("arity mismatch: \(spelling) is used with \(arity) argument\(arity == 1 ? "" : "s") here, but it has \(entry.arity) elsewhere (\(entry.signature))", at: range, notes: notes)
            }
            return nil
        }
        entries[name] = Entry(name: name, spelling: spelling, arity: arity, firstUse: range)
        return nil
    }

    /// Records a `@pred` declaration (checking its arity against earlier uses).
    public func declare(_ declaration: PredicateDeclaration) -> Diagnostic? {
        if BuiltinCatalog.isBuiltin(declaration.predicate) {
            return .error("'\(declaration.spelling)' is a built-in predicate and cannot be declared", at: declaration.range)
        }
        if let problem = use(declaration.predicate, spelling: declaration.spelling, arity: declaration.arity, at: declaration.range) {
            return problem
        }
        entries[declaration.predicate]?.declaration = declaration
        return nil
    }

    /// Marks that `name` has stated facts.
    public func markFacts(_ name: String) { entries[name]?.hasFacts = true }

    /// Marks that `name` has rules.
    public func markRules(_ name: String) { entries[name]?.hasRules = true }

    /// True when the predicate has facts, rules or a declaration.
    public func isKnown(_ name: String) -> Bool {
        guard let e = entries[name] else { return false }
        return e.hasFacts || e.hasRules || e.declaration != nil
    }

    /// Puts back the state of an earlier copy (undoing a failed load).
    public func restore(from saved: PredicateTable) { entries = saved.entries }

    /// A copy, so a failed load can be rolled back.
    public func copy() -> PredicateTable {
        let other = PredicateTable()
        other.entries = entries
        return other
    }
}
