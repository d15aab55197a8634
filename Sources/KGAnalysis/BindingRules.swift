import KGLanguage

/// When a body literal can run and which variables it binds — the one definition both the
/// safety check and the engine's join planner use, so a plan is safe exactly when the check
/// passes.
public enum BindingRules {
    /// True when every input `literal` needs is in `bound`.
    public static func canRun(_ literal: Literal, bound: Set<String>) -> Bool {
        unboundInputs(literal, bound: bound).isEmpty
    }

    /// The variables (with the expression naming them) that must be bound before `literal`
    /// runs but are not.
    public static func unboundInputs(_ literal: Literal, bound: Set<String>) -> [(String, Expr)] {
        var missing: [(String, Expr)] = []
        func need(_ e: Expr) {
            for (name, occurrence) in namedVariables(e) where !bound.contains(name) && !missing.contains(where: { $0.0 == name }) {
                missing.append((name, occurrence))
            }
        }
        switch literal {
        case .atom(let atom):
            if let builtin = BuiltinCatalog.signature(atom.predicate), builtin.arity == atom.arity {
                for i in builtin.inputs { need(atom.arguments[i]) }
                // An output written as an expression (`length(S, N + 1)`) must be computable.
                for (i, a) in atom.arguments.enumerated() where !builtin.inputs.contains(i) && !a.isSimple { need(a) }
            } else {
                for a in atom.arguments where !a.isSimple { need(a) }
            }
        case .negated(let atom, _):
            for a in atom.arguments { need(a) }
        case .comparison(let op, let left, let right, _):
            if op == .equal, let target = assignmentTarget(op, left, right, bound: bound) {
                need(target == 0 ? right : left)
            } else {
                need(left)
                need(right)
            }
        case .aggregate(let g):
            // Grouping keys first (they must come from the rest of the rule), then the other
            // side, unless the aggregate assigns it.
            for key in g.keys where !bound.contains(key) && !missing.contains(where: { $0.0 == key }) {
                missing.append((key, occurrence(of: key, in: g) ?? g.other))
            }
            if aggregateTarget(g, bound: bound) == nil { need(g.other) }
        case .cited(let c):
            if c.negated {
                for a in c.fact.arguments { need(a) }
                need(c.source)
            } else {
                for a in c.fact.arguments where !a.isSimple { need(a) }
                if !c.source.isSimple { need(c.source) }
            }
        case .disjunction:
            break   // multiplied out before analysis
        }
        return missing
    }

    /// For `N = count : { ... }` with N an unbound variable: N (the aggregate binds it).
    public static func aggregateTarget(_ g: BodyAggregate, bound: Set<String>) -> String? {
        guard g.op == .equal, case .variable(let v, _) = g.other, !bound.contains(v) else { return nil }
        return v
    }

    /// The first occurrence of `name` inside the aggregate's body (or expression), for carets.
    public static func occurrence(of name: String, in g: BodyAggregate) -> Expr? {
        if let t = g.target, let hit = namedVariables(t).first(where: { $0.0 == name }) { return hit.1 }
        return occurrence(of: name, in: g.body)
    }

    /// The first occurrence of `name` in `body`, inside alternatives and aggregates too.
    public static func occurrence(of name: String, in body: [Literal]) -> Expr? {
        for literal in body {
            let exprs: [Expr]
            switch literal {
            case .atom(let a), .negated(let a, _): exprs = a.arguments
            case .comparison(_, let l, let r, _): exprs = [l, r]
            case .cited(let c): exprs = c.fact.arguments + [c.source]
            case .disjunction(let alternatives, _):
                for a in alternatives { if let e = occurrence(of: name, in: a) { return e } }
                continue
            case .aggregate(let g):
                if g.aggregateOnLeft, let e = occurrence(of: name, in: g) { return e }
                if let hit = namedVariables(g.other).first(where: { $0.0 == name }) { return hit.1 }
                if let e = occurrence(of: name, in: g) { return e }
                continue
            }
            for e in exprs { if let hit = namedVariables(e).first(where: { $0.0 == name }) { return hit.1 } }
        }
        return nil
    }

    /// For `X = expr` (or `expr = X`) with X unbound: which side (0 = left) is the variable.
    public static func assignmentTarget(_ op: ComparisonOperator, _ left: Expr, _ right: Expr, bound: Set<String>) -> Int? {
        guard op == .equal else { return nil }
        if case .variable(let v, _) = left, !bound.contains(v) { return 0 }
        if case .variable(let v, _) = right, !bound.contains(v) { return 1 }
        return nil
    }

    /// The variables `literal` binds when it runs after `bound`.
    public static func binds(_ literal: Literal, bound: Set<String>) -> [String] {
        switch literal {
        case .atom(let atom):
            var out: [String] = []
            let builtin = BuiltinCatalog.signature(atom.predicate)
            for (i, a) in atom.arguments.enumerated() {
                if let b = builtin, b.inputs.contains(i) { continue }
                if case .variable(let v, _) = a, !bound.contains(v), !out.contains(v) { out.append(v) }
            }
            return out
        case .negated, .disjunction:
            return []
        case .comparison(let op, let left, let right, _):
            if let target = assignmentTarget(op, left, right, bound: bound), case .variable(let v, _) = (target == 0 ? left : right) {
                return [v]
            }
            return []
        case .aggregate(let g):
            return aggregateTarget(g, bound: bound).map { [$0] } ?? []
        case .cited(let c):
            guard !c.negated else { return [] }
            var out: [String] = []
            for a in c.fact.arguments + [c.source] {
                if case .variable(let v, _) = a, !bound.contains(v), !out.contains(v) { out.append(v) }
            }
            return out
        }
    }

    /// Each named variable of `e` with the sub-expression where it occurs (for carets).
    public static func namedVariables(_ e: Expr) -> [(String, Expr)] {
        switch e {
        case .variable(let name, _): return [(name, e)]
        case .binary(_, let a, let b, _): return namedVariables(a) + namedVariables(b)
        case .negate(let a, _): return namedVariables(a)
        case .anonymous, .constant, .aggregate: return []
        }
    }
}
