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
    ///
    /// The branches of one rule with `;` (`Clause.branches()`) come one after another in
    /// `added`, and are checked together, so a problem of every branch is reported once.
    public static func analyze(existing: [Clause], added: [Clause], queries: [Query], table: PredicateTable) -> Result {
        var diagnostics: [Diagnostic] = []
        var i = 0
        while i < added.count {
            var j = i + 1
            if added[i].branch != nil {
                while j < added.count, let b = added[j].branch, b.index > 0, added[j].range.start == added[i].range.start { j += 1 }
            }
            diagnostics += check(rules: Array(added[i..<j]))
            var warned = Set<Int>()
            for rule in added[i..<j] {
                diagnostics += unknownPredicates(in: rule.body, table: table).filter { warned.insert($0.range?.start ?? -1).inserted }
            }
            i = j
        }
        for query in queries {
            let columns = Self.columns(of: query)
            diagnostics += SafetyChecker.check(branches: query.branches.map { ($0.body, $0.branch) },
                                               demand: query.branches.count > 1 ? .columns(columns) : .nothing)
            diagnostics += aggregateMisuse(in: query.body)
            diagnostics += bodyAggregateMisuse(in: query.body)
            diagnostics += unknownPredicates(in: query.body, table: table)
            diagnostics += QueryOptionsChecker.check(query)
        }
        let rules = existing + added
        let (strata, stratificationErrors) = Stratifier.stratify(rules: rules) { table[$0]?.arity }
        diagnostics += stratificationErrors
        diagnostics.sort { ($0.range?.start ?? 0) < ($1.range?.start ?? 0) }
        return Result(program: CheckedProgram(rules: rules, strata: strata), diagnostics: diagnostics)
    }

    /// The checks of one rule: a clause, or the branches of one clause with `;`.
    static func check(rules branches: [Clause]) -> [Diagnostic] {
        guard let rule = branches.first else { return [] }
        var out: [Diagnostic] = []
        if let builtin = BuiltinCatalog.signature(rule.head.predicate) {
            out.append(.error("cannot define facts or rules for the built-in predicate \(builtin.usage)", at: rule.head.predicateRange))
            return out
        }
        out += SafetyChecker.check(branches: branches.map { ($0.body, $0.branch) }, demand: .head(rule.head))
        for b in branches {
            out += aggregateMisuse(in: b.body)
            out += bodyAggregateMisuse(in: b.body)
        }
        let aggregates = rule.head.arguments.filter { if case .aggregate = $0 { return true } else { return false } }
        if !aggregates.isEmpty && rule.body.isEmpty {
            out.append(.error("an aggregate needs a rule body to range over", at: aggregates[0].range))
        }
        // Branches share their head and most of their body: report each place once.
        var seen = Set<String>()
        return out.filter { seen.insert("\($0.range?.start ?? -1):\($0.message)").inserted }
    }

    /// The checks of one clause as written (multiplied out first).
    static func check(rule: Clause) -> [Diagnostic] { check(rules: rule.branches()) }

    /// A query's columns with the place each first appears (outside aggregates).
    static func columns(of query: Query) -> [(String, SourceRange)] {
        query.columns.map { name in (name, BindingRules.occurrence(of: name, in: query.body)?.range ?? query.range) }
    }

    /// Head aggregates belong in heads; a body holding one gets a clear message.
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
        func visit(_ literals: [Literal]) {
            for literal in literals {
                switch literal {
                case .atom(let a), .negated(let a, _): a.arguments.forEach(visit)
                case .comparison(_, let l, let r, _): visit(l); visit(r)
                case .disjunction(let alternatives, _): alternatives.forEach(visit)
                case .aggregate(let g):
                    visit(g.other)
                    g.target.map(visit)
                    visit(g.body)
                case .cited(let c):
                    c.fact.arguments.forEach(visit)
                    visit(c.source)
                }
            }
        }
        visit(body)
        return out
    }

    /// Misuses of body aggregates and `cited` that are not about binding: a built-in inside
    /// `cited`, a `_` as an aggregate's result or expression.
    static func bodyAggregateMisuse(in body: [Literal]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func visit(_ literals: [Literal]) {
            for literal in literals {
                switch literal {
                case .disjunction(let alternatives, _): alternatives.forEach(visit)
                case .aggregate(let g):
                    if case .anonymous(let r) = g.other {
                        out.append(.error("'_' cannot take the result of \(g.kind.rawValue): name a variable, as in N = \(g.kind.rawValue)\(g.kind == .count ? "" : " V") : { ... }", at: r))
                    }
                    if let t = g.target, case .anonymous(let r) = t {
                        out.append(.error("\(g.kind.rawValue) _ has nothing to aggregate: name the variable, as in \(g.kind.rawValue) V : { p(V) }", at: r))
                    }
                    visit(g.body)
                case .cited(let c):
                    if BuiltinCatalog.isBuiltin(c.fact.predicate) {
                        let hint = c.fact.predicate == "triple" ? "; for the sources of a triple, use quad(S, P, O, G)" : ""
                        out.append(.error("cited/2 gives the sources of stated facts; \(c.fact.spelling) is a built-in, which states nothing\(hint)", at: c.fact.predicateRange))
                    }
                default: break
                }
            }
        }
        visit(body)
        return out
    }

    /// Warnings for body atoms naming a predicate with no facts, rules or declaration.
    static func unknownPredicates(in body: [Literal], table: PredicateTable) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for atom in body.allAtoms {
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
