import KGAnalysis
import KGLanguage
import KGStore

/// The answer to one query: its columns (named variables in order of first appearance) and
/// its distinct rows, sorted, so the same query on the same data prints the same bytes.
public struct QueryAnswer: Sendable {
    /// The query's text as written (without `?-` and `.`).
    public let query: String
    public let columns: [String]
    public let rows: [[Term]]

    /// A query with no named variables is a yes/no question.
    public var isBoolean: Bool { columns.isEmpty }
    public var holds: Bool { !rows.isEmpty }
}

extension Evaluator {
    /// Answers `query` over the evaluated model; with a `profiler`, counting (and timing) the
    /// query's steps into it (one plan per branch). `branches`: the body to run instead of
    /// the query's own branches (a demand-transformed query reads adorned predicates).
    public func answer(_ query: Query, branches: [BodyBranch]? = nil, profiler: EvaluationProfiler? = nil) throws -> QueryAnswer {
        // `:select` chooses the columns; planning the query with them as its head projects
        // with set semantics (the result relation keeps each row once).
        let columns = query.columns
        // A query is planned as a rule whose head lists its named variables, one plan per
        // branch of its body; the answer is their union.
        let headArgs: [Expr] = columns.map { .variable($0, query.range) }
        let head = Atom(predicate: "?-", spelling: "?-", predicateRange: query.range, arguments: headArgs, range: query.range)
        model.relation("?-", arity: columns.count)   // created by the planner; not part of the graph
        defer { model.removeRelation("?-") }
        let results = Relation(arity: columns.count)
        let tuple = UnsafeMutablePointer<TermID>.allocate(capacity: max(columns.count, 1))
        defer { tuple.deallocate() }
        context.currentPredicate = nil
        context.currentRange = query.range
        let limit = context.limits.maxFacts
        for branch in branches ?? query.branches {
            let clause = Clause(head: head, body: branch.body, source: nil, range: query.range, branch: branch.branch)
            let plan = Planner(model: model).plan(clause, ruleIndex: -1, deltaLiteral: nil)
            let probe = profiler?.queryProbe(for: plan)
            let executor = Executor(plan: plan, context: context, probe: probe)
            let before = results.count
            executor.onSolution = { [unowned(unsafe) executor] in
                try executor.fillHead(tuple)
                if results.insert(UnsafeBufferPointer(start: tuple, count: columns.count)), results.count > limit {
                    throw EvaluationError(.factLimit(predicate: "the query", limit: limit),
                        "evaluation stopped: the query has more than \(limit) answers (raise the limit with --max-facts)", at: query.range)
                }
            }
            try executor.run()
            probe?.runs = 1
            probe?.produced = results.count - before
        }
        let dictionary = model.dictionary
        var rows: [[Term]] = (0..<results.count).map { r in results.row(r).map { dictionary[$0] } }
        if columns.isEmpty { rows = results.count > 0 ? [[]] : [] }
        rows = AnswerShaping.shape(rows, columns: columns, options: query.options)
        return QueryAnswer(query: query.text, columns: columns, rows: rows)
    }
}
