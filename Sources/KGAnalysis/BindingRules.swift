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
        }
        return missing
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
        case .negated:
            return []
        case .comparison(let op, let left, let right, _):
            if let target = assignmentTarget(op, left, right, bound: bound), case .variable(let v, _) = (target == 0 ? left : right) {
                return [v]
            }
            return []
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
