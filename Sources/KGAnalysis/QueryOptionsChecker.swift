import KGLanguage

/// Checks the answer options of a query (`:select`, `:order`) against its body: every named
/// variable must occur in the body, and a sort key must be a column of the answer. (Their
/// syntax, duplicates and the numbers of `:limit`/`:offset` are the parser's.)
public enum QueryOptionsChecker {
    public static func check(_ query: Query) -> [Diagnostic] {
        let options = query.options
        guard options.select != nil || options.order != nil else { return [] }
        let variables = query.bodyVariables
        var out: [Diagnostic] = []
        for v in options.select ?? [] where !variables.contains(v.name) {
            out.append(.error("':select' variable '\(v.name)' " + absence(v.name, query.body), at: v.range))
        }
        let columns = query.columns
        for key in options.order ?? [] {
            let v = key.variable
            if !variables.contains(v.name) {
                out.append(.error("':order' variable '\(v.name)' " + absence(v.name, query.body), at: v.range))
            } else if !columns.contains(v.name) {
                let why = options.select != nil
                    ? "add it to :select, or sort by a selected column"
                    : "variables starting with '_' are not shown; rename it, or list it in :select"
                out.append(.error("':order' key '\(v.name)' is not a column of the answer: \(why)", at: v.range))
            }
        }
        return out
    }

    /// Why a variable an option names is not in the answer: it occurs nowhere, or only inside
    /// a body aggregate, whose local variables have no value outside it.
    private static func absence(_ name: String, _ body: [Literal]) -> String {
        guard let aggregate = aggregate(holding: name, in: body) else { return "does not occur in the query's body" }
        return "is local to the aggregate '\(aggregate.spelling)': it has no value outside it"
    }

    /// The outermost body aggregate whose inner body uses `name`.
    private static func aggregate(holding name: String, in body: [Literal]) -> BodyAggregate? {
        for literal in body {
            switch literal {
            case .aggregate(let g):
                var inner: [String] = []
                inner += g.target?.variables ?? []
                for l in g.body { Disjunction.collectVariables(l, into: &inner) }
                if inner.contains(name) { return g }
            case .disjunction(let alternatives, _):
                for a in alternatives { if let g = aggregate(holding: name, in: a) { return g } }
            default:
                break
            }
        }
        return nil
    }
}
