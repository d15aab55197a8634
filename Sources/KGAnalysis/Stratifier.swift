import KGLanguage

/// Orders derived predicates into strata and rejects negation or aggregation through
/// recursion, naming the cycle (`p -> not q -> p`) with a note at each step.
public enum Stratifier {
    public static func stratify(rules: [Clause], arity: (String) -> Int?) -> (strata: [Stratum], diagnostics: [Diagnostic]) {
        let graph = DependencyGraph(rules: rules, arity: arity)
        var diagnostics: [Diagnostic] = []
        var strata: [Stratum] = []
        for component in graph.components() {
            let members = Set(component)
            var recursive = false
            for p in component {
                for e in graph.edges[p] ?? [] where members.contains(e.to) {
                    recursive = true
                    switch e.kind {
                    case .positive: continue
                    case .negative, .aggregate:
                        diagnostics.append(cycleError(e, graph: graph, within: members, spelling: spelling(rules)))
                    }
                }
            }
            let ruleIndexes = rules.indices.filter { members.contains(rules[$0].head.predicate) }
            strata.append(Stratum(predicates: component, rules: ruleIndexes, isRecursive: recursive))
        }
        return (strata, diagnostics)
    }

    private static func spelling(_ rules: [Clause]) -> [String: String] {
        var out: [String: String] = [:]
        for r in rules { out[r.head.predicate] = r.head.spelling }
        return out
    }

    private static func cycleError(_ edge: DependencyGraph.Edge, graph: DependencyGraph, within: Set<String>, spelling: [String: String]) -> Diagnostic {
        let back = graph.path(from: edge.to, to: edge.from, within: within) ?? []
        func name(_ p: String) -> String { spelling[p] ?? p }
        func step(_ e: DependencyGraph.Edge) -> String {
            switch e.kind {
            case .positive: return name(e.to)
            case .negative: return "not \(name(e.to))"
            case .aggregate(let k): return "\(k.rawValue) \(name(e.to))"
            }
        }
        let cycle = ([name(edge.from)] + ([edge] + back).map(step)).joined(separator: " -> ")
        let what: String
        switch edge.kind {
        case .aggregate: what = "aggregation through recursion"
        default: what = "negation through recursion"
        }
        let notes = back.map { Diagnostic.Note("\(name($0.from)) depends on \(name($0.to)) here", at: $0.range) }
        return .error("\(what): \(cycle); a predicate cannot depend on its own negation or aggregate", at: edge.range, notes: notes)
    }
}
