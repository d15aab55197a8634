import KGAnalysis
import KGEngine
import KGLanguage
import KGStore

/// When `Session.answer` uses the demand transformation.
public enum DemandChoice: Sendable {
    /// When no evaluated model is at hand and the query has bound arguments it can use.
    case automatic
    /// Whenever the transformation applies (tests, `:plan`).
    case always
    /// Never: evaluate the whole program.
    case never
}

extension Session {
    /// The magic-set rewrite of the session's rules for `query`, or nil when it does not apply
    /// (see `MagicSets.rewrite`).
    func demandRewrite(_ query: Query) -> MagicSets.Rewrite? {
        guard !rules.isEmpty else { return nil }
        return MagicSets.rewrite(query: query, rules: rules) { [database] p in (database.existingRelation(p)?.count ?? 0) > 0 }
    }

    /// Evaluates a rewritten program on a scratch copy of the relations it reads, seeded with
    /// its magic facts; the session's data and evaluated model are left as they were.
    func evaluateOnDemand(_ rewrite: MagicSets.Rewrite, profiler: EvaluationProfiler? = nil) throws -> Evaluator {
        let scratch = database.copy(only: rewrite.reads)
        for seed in rewrite.seeds { scratch.add(predicate: seed.predicate, seed.arguments) }
        let (strata, _) = Stratifier.stratify(rules: rewrite.rules) { rewrite.arities[$0] ?? self.table[$0]?.arity }
        let e = Evaluator(model: scratch, program: CheckedProgram(rules: rewrite.rules, strata: strata), limits: options.limits)
        e.profiler = profiler
        try e.evaluate()
        return e
    }

    /// What `:plan` says about a demand-transformed query.
    static func demandNotes(_ rewrite: MagicSets.Rewrite) -> [String] {
        var notes = ["demand transformation (magic sets): only the facts the query's bound arguments reach were derived"]
        notes.append("adorned (b = bound, f = free): " + rewrite.adorned.joined(separator: ", "))
        if !rewrite.full.isEmpty {
            notes.append("evaluated in full (read under not, in an aggregate, or defined by one): " + rewrite.full.joined(separator: ", "))
        }
        return notes
    }
}
