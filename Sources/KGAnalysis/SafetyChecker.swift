import KGLanguage

/// Range restriction: every variable of a rule's head, of a negated atom, of a comparison and
/// of a built-in input must be bound by a positive atom (or an assignment) of the body.
///
/// The check looks for any order of the body in which each literal's inputs are bound before
/// it runs, so the answer never depends on how the user ordered the body (souffle#2435), and it
/// names the variable as the user spelled it, with a caret at the occurrence.
public enum SafetyChecker {
    /// The problems of one clause or query body; empty when it is safe.
    public static func check(head: Atom?, body: [Literal]) -> [Diagnostic] {
        var bound = Set<String>()
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
        var diagnostics: [Diagnostic] = []
        var reported = Set<String>()
        for i in remaining {
            for (name, occurrence) in BindingRules.unboundInputs(body[i], bound: bound) where !reported.contains(name) {
                reported.insert(name)
                diagnostics.append(.error(message(for: name, in: body[i], body: body), at: occurrence.range))
            }
        }
        if let head {
            for argument in head.arguments {
                let names: [(String, Expr)]
                if case .aggregate(_, let vars, _) = argument {
                    names = vars.map { ($0, argument) }
                } else {
                    names = BindingRules.namedVariables(argument)
                }
                for (name, occurrence) in names where !bound.contains(name) && !reported.contains(name) {
                    reported.insert(name)
                    let why = body.isEmpty
                        ? "a fact cannot contain variables; give a constant, or add a body that binds '\(name)'"
                        : "it appears in no positive atom of the body"
                    diagnostics.append(.error("unsafe variable '\(name)' in the head: \(why)", at: occurrence.range))
                }
                if case .anonymous(let r) = argument {
                    diagnostics.append(.error("'_' cannot appear in a head: every head argument needs a value", at: r))
                }
            }
        }
        return diagnostics
    }

    private static func message(for name: String, in literal: Literal, body: [Literal]) -> String {
        if case .atom(let atom) = literal, let builtin = BuiltinCatalog.signature(atom.predicate) {
            return "unbound built-in input '\(name)' of \(builtin.usage): bind it in a positive atom before the built-in can run"
        }
        let places = body.filter { literalMentions($0, name) }
        let onlyNegated = places.allSatisfy { if case .negated = $0 { return true } else { return false } }
        let onlyComparisons = places.allSatisfy { if case .comparison = $0 { return true } else { return false } }
        if onlyNegated { return "unsafe variable '\(name)': it appears only in a negated atom" }
        if onlyComparisons { return "unsafe variable '\(name)': it appears only in a comparison" }
        return "unsafe variable '\(name)': it appears in no positive atom of the body"
    }

    private static func literalMentions(_ literal: Literal, _ name: String) -> Bool {
        switch literal {
        case .atom(let a), .negated(let a, _):
            return a.arguments.contains { BindingRules.namedVariables($0).contains { $0.0 == name } }
        case .comparison(_, let l, let r, _):
            return (BindingRules.namedVariables(l) + BindingRules.namedVariables(r)).contains { $0.0 == name }
        }
    }
}
