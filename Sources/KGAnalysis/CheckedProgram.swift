import KGLanguage

/// A group of predicates evaluated together to a fixpoint: one strongly connected component
/// of the dependency graph. Strata come in dependency order, so every predicate a stratum
/// negates or aggregates over is complete before it starts.
public struct Stratum: Sendable {
    /// The predicates defined here.
    public let predicates: [String]
    /// Indexes into `CheckedProgram.rules` of the rules defining them.
    public let rules: [Int]
    /// True when some rule here reads a predicate of this same stratum (needs iteration).
    public let isRecursive: Bool
}

/// A program that passed analysis: safe rules, stratified, ready to plan and evaluate.
public struct CheckedProgram: Sendable {
    public let rules: [Clause]
    public let strata: [Stratum]

    public init(rules: [Clause], strata: [Stratum]) {
        self.rules = rules
        self.strata = strata
    }

    /// The program with no rules.
    public static let empty = CheckedProgram(rules: [], strata: [])
}
