import KGLanguage

/// Checks rules and queries before anything runs: safety, built-in use, unknown predicates,
/// and stratification of the whole rule set. Arity is checked earlier, as statements are
/// read (`PredicateTable.use`), so a mismatch is reported at its second use.
public enum Analyzer {
    /// The outcome: the checked program (meaningful only when `diagnostics` has no error).
    public struct Result {
        public let program: CheckedProgram
        public let diagnostics: [Diagnostic]
        public var hasErrors: Bool { diagnostics.contains { $0.isError } }
    }

    /// Analyses `existing` rules (already accepted) plus `added` rules and `queries`;
    /// per-statement checks run on the new statements only, stratification on all rules.
    public static func analyze(existing: [Clause], added: [Clause], queries: [Query], table: PredicateTable) -> Result {
        var diagnostics: [Diagnostic] = []
        for rule in added {
            diagnostics += check(rule: rule)
            diagnostics += unknownPredicates(in: rule.body, table: table)
        }
        for query in queries {
            diagnostics += SafetyChecker.check(head: nil, body: query.body)
            diagnostics += aggregateMisuse(in: query.body)
            diagnostics += unknownPredicates(in: query.body, table: table)
            diagnostics += QueryOptionsChecker.check(query)
        }
        let rules = existing + added
        let (strata, stratificationErrors) = Stratifier.stratify(rules: rules) { table[$0]?.arity }
        diagnostics += stratificationErrors
        diagnostics.sort { ($0.range?.start ?? 0) < ($1.range?.start ?? 0) }
        return Result(program: CheckedProgram(rules: rules, strata: strata), diagnostics: diagnostics)
    }

    static func check(rule: Clause) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let builtin = BuiltinCatalog.signature(rule.head.predicate) {
            out.append(.error("cannot define facts or rules for the built-in predicate \(builtin.usage)", at: rule.head.predicateRange))
            return out
        }
        out += SafetyChecker.check(head: rule.head, body: rule.body)
        out += aggregateMisuse(in: rule.body)
        let aggregates = rule.head.arguments.filter { if case .aggregate = $0 { return true } else { return false } }
        if !aggregates.isEmpty && rule.body.isEmpty {
            out.append(.error("an aggregate needs a rule body to range over", at: aggregates[0].range))
        }
        return out
    }

    /// Aggregates belong in heads; a body holding one gets a clear message.
    static func aggregateMisuse(in body: [Literal]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func visit(_ e: Expr) {
            switch e {
            case .aggregate(let k, _, let r): out.append(.error("\(k.rawValue)<...> may appear only as an argument of a rule head", at: r))
            case .binary(_, let a, let b, _): visit(a); visit(b)
            case .negate(let a, _): visit(a)
            default: break
            }
        }
        for literal in body {
            switch literal {
            case .atom(let a), .negated(let a, _): a.arguments.forEach(visit)
            case .comparison(_, let l, let r, _): visit(l); visit(r)
            }
        }
        return out
    }

    /// Warnings for body atoms naming a predicate with no facts, rules or declaration.
    static func unknownPredicates(in body: [Literal], table: PredicateTable) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for literal in body {
            let atom: Atom
            switch literal {
            case .atom(let a), .negated(let a, _): atom = a
            case .comparison: continue
            }
            guard !BuiltinCatalog.isBuiltin(atom.predicate), !table.isKnown(atom.predicate) else { continue }
            let known = table.entries.values.filter { table.isKnown($0.name) }.map(\.signature)
                + BuiltinCatalog.all.values.map { "\($0.name)/\($0.arity)" }
            var message = "unknown predicate \(atom.signature): it has no facts, rules or @pred declaration"
            if let near = NameSuggester.nearest(to: atom.signature, among: known) {
                message = "unknown predicate \(atom.signature); did you mean \(near)?"
            }
            out.append(.warning(message, at: atom.predicateRange))
        }
        return out
    }
}
