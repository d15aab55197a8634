import KGLanguage

/// Range restriction: every variable of a rule's head, of a negated atom, of a comparison and
/// of a built-in input must be bound by a positive atom (or an assignment) of the body.
///
/// The check looks for any order of the body in which each literal's inputs are bound before
/// it runs, so the answer never depends on how the user ordered the body (souffle#2435), and it
/// names the variable as the user spelled it, with a caret at the occurrence.
///
/// A body with `;` is checked branch by branch (each branch is a rule of its own): a problem
/// every branch has is reported once, one only some branches have names them. A body
/// aggregate's grouping keys must be bound by the rest of the rule, and its own body is checked
/// with the keys bound.
public enum SafetyChecker {
    /// What needs the body's variables besides its own literals.
    public enum Demand {
        /// A rule's head.
        case head(Atom)
        /// A query's answer columns (each must be bound in every branch).
        case columns([(String, SourceRange)])
        /// The expression an aggregate ranges over (`V` of `sum V : { ... }`).
        case aggregated(Expr, BodyAggregate)
        case nothing
    }

    /// One problem, its text still open in where it happened: `scope` is "the body" or the
    /// branches concerned (`branch 2 of 3 (b(X))`).
    public struct Issue {
        public let range: SourceRange
        public let text: (_ scope: String?) -> String
    }

    /// The problems of one conjunctive clause or query body; empty when it is safe.
    public static func check(head: Atom?, body: [Literal]) -> [Diagnostic] {
        issues(body: body, demand: head.map { .head($0) } ?? .nothing).map { .error($0.text(nil), at: $0.range) }
    }

    /// The problems of the branches of one rule or query (as `Clause.branches()` or
    /// `Query.branches` give them), merged: a problem of every branch once, others naming the
    /// branches that have it.
    public static func check(branches: [(body: [Literal], branch: Branch?)], demand: Demand) -> [Diagnostic] {
        merge(branches.map { (issues(body: $0.body, demand: demand), $0.branch?.label) }).map { .error($0.text(nil), at: $0.range) }
    }

    /// Merges per-branch issues: the same text at the same place in every branch is one issue;
    /// otherwise it names the branches (by `label`) that have it.
    static func merge(_ perBranch: [(issues: [Issue], label: String?)]) -> [Issue] {
        guard perBranch.count > 1 else { return perBranch.first?.issues ?? [] }
        var order: [String] = []
        var found: [String: (issue: Issue, labels: [String])] = [:]
        for (issues, label) in perBranch {
            for issue in issues {
                let key = "\(issue.range.start)-\(issue.range.end):" + issue.text(nil)
                if found[key] == nil { order.append(key); found[key] = (issue, []) }
                if let label, found[key]?.labels.contains(label) == false { found[key]?.labels.append(label) }
            }
        }
        return order.compactMap { key in
            guard let (issue, labels) = found[key] else { return nil }
            if labels.count == perBranch.count { return issue }
            let scope = labels.joined(separator: " and ")
            return Issue(range: issue.range, text: { _ in issue.text(scope) })
        }
    }

    /// The problems of one conjunction. `bound` holds the variables bound before it (an
    /// aggregate's keys).
    public static func issues(body: [Literal], demand: Demand, bound initial: Set<String> = []) -> [Issue] {
        var bound = initial
        var remaining = Array(body.indices)
        var progress = true
        while progress && !remaining.isEmpty {
            progress = false
            for (position, i) in remaining.enumerated() where BindingRules.canRun(body[i], bound: bound) {
                bound.formUnion(BindingRules.binds(body[i], bound: bound))
                remaining.remove(at: position)
                progress = true
                break
            }
        }
        var issues: [Issue] = []
        var reported = Set<String>()
        // The result of an aggregate that cannot run is unbound because of what is reported
        // about the aggregate: not reported again where it is used.
        for i in remaining {
            if case .aggregate(let g) = body[i], let v = BindingRules.aggregateTarget(g, bound: bound), !g.keys.contains(v) { reported.insert(v) }
        }
        for i in remaining {
            for (name, occurrence) in BindingRules.unboundInputs(body[i], bound: bound) where !reported.contains(name) {
                reported.insert(name)
                if case .aggregate(let g) = body[i], g.keys.contains(name) {
                    issues.append(groupingIssue(name, g, occurrence: occurrence, body: body, demand: demand))
                } else {
                    let literal = body[i]
                    issues.append(Issue(range: occurrence.range, text: { scope in message(for: name, in: literal, body: body, scope: scope) }))
                }
            }
        }
        switch demand {
        case .head(let head):
            for argument in head.arguments {
                let names: [(String, Expr)]
                if case .aggregate(_, let vars, _) = argument {
                    names = vars.map { ($0, argument) }
                } else {
                    names = BindingRules.namedVariables(argument)
                }
                for (name, occurrence) in names where !bound.contains(name) && !reported.contains(name) {
                    reported.insert(name)
                    let empty = body.isEmpty
                    issues.append(Issue(range: occurrence.range, text: { scope in
                        empty ? "unsafe variable '\(name)' in the head: a fact cannot contain variables; give a constant, or add a body that binds '\(name)'"
                            : "unsafe variable '\(name)' in the head: it appears in no positive atom of \(scope ?? "the body")"
                    }))
                }
                if case .anonymous(let r) = argument {
                    issues.append(Issue(range: r, text: { _ in "'_' cannot appear in a head: every head argument needs a value" }))
                }
            }
        case .columns(let columns):
            for (name, range) in columns where !bound.contains(name) && !reported.contains(name) {
                reported.insert(name)
                issues.append(Issue(range: range, text: { scope in
                    "variable '\(name)' is a column of the answer, so every branch must bind it, but it appears in no positive atom of \(scope ?? "the body")"
                }))
            }
        case .aggregated(let target, let g):
            for (name, occurrence) in BindingRules.namedVariables(target) where !bound.contains(name) && !reported.contains(name) {
                reported.insert(name)
                issues.append(Issue(range: occurrence.range, text: { scope in
                    "unsafe variable '\(name)' in \(g.kind.rawValue) \(target.range.text): it appears in no positive atom of \(scope ?? "the aggregate's body")"
                }))
            }
        case .nothing:
            break
        }
        // Each aggregate's own body, with its keys bound.
        for literal in body {
            guard case .aggregate(let g) = literal else { continue }
            let demand: Demand = g.target.map { .aggregated($0, g) } ?? .nothing
            let inner = merge(g.branches.map { (Self.issues(body: $0.body, demand: demand, bound: Set(g.keys)), $0.branch?.label) })
            issues += inner.map { issue in Issue(range: issue.range, text: { _ in issue.text(nil) }) }
        }
        return issues
    }

    /// An unbound grouping key: a variable local to the aggregate that the head (or the
    /// answer) uses, the aggregate's own result used inside it, or a key nothing outside binds.
    private static func groupingIssue(_ name: String, _ g: BodyAggregate, occurrence: Expr, body: [Literal], demand: Demand) -> Issue {
        let spelling = g.kind == .count ? "count : { ... }" : "\(g.kind.rawValue) \(g.target?.range.text ?? "") : { ... }"
        if case .variable(let v, _) = g.other, v == name, g.op == .equal {
            return Issue(range: occurrence.range, text: { _ in
                "'\(name)' is the result of \(spelling), so its body cannot use it (unless a positive atom outside binds \(name) first)"
            })
        }
        let usedElsewhere = body.contains { other in
            if case .aggregate(let h) = other, h.range.start == g.range.start { return false }
            return mentions(other, name)
        }
        if !usedElsewhere, case .head(let head) = demand,
           let place = head.arguments.lazy.compactMap({ BindingRules.namedVariables($0).first { $0.0 == name }?.1 }).first {
            return Issue(range: place.range, text: { scope in
                "variable '\(name)' is local to \(spelling) (only its body binds it), so the head cannot use it; to group by \(name), bind it outside the aggregate too" + (scope.map { " (in \($0))" } ?? "")
            })
        }
        return Issue(range: occurrence.range, text: { scope in
            "unsafe grouping variable '\(name)' of \(spelling): it also occurs outside the aggregate, so the rest of the rule must bind it, but it appears there in no positive atom" + (scope.map { " (in \($0))" } ?? "")
        })
    }

    private static func message(for name: String, in literal: Literal, body: [Literal], scope: String?) -> String {
        let suffix = scope.map { " (in \($0))" } ?? ""
        if case .atom(let atom) = literal, let builtin = BuiltinCatalog.signature(atom.predicate) {
            return "unbound built-in input '\(name)' of \(builtin.usage): bind it in a positive atom before the built-in can run" + suffix
        }
        let places = body.filter { mentions($0, name) }
        let onlyNegated = places.allSatisfy {
            switch $0 {
            case .negated: return true
            case .cited(let c): return c.negated
            default: return false
            }
        }
        let onlyComparisons = places.allSatisfy { if case .comparison = $0 { return true } else { return false } }
        if onlyNegated { return "unsafe variable '\(name)': it appears only in a negated atom" + suffix }
        if onlyComparisons { return "unsafe variable '\(name)': it appears only in a comparison" + suffix }
        return "unsafe variable '\(name)': it appears in no positive atom of \(scope ?? "the body")"
    }

    /// True when `literal` uses `name` anywhere (inside aggregates too).
    static func mentions(_ literal: Literal, _ name: String) -> Bool {
        var names: [String] = []
        Disjunction.collectVariables(literal, into: &names)
        return names.contains(name)
    }
}
