import KGAnalysis
import KGEngine
import KGLanguage
import KGStore

/// How kg evaluated a program and answered queries, step by step (`kg explain`, `:plan`).
public struct Explanation: Sendable {
    /// The strata in the order evaluated, each with the plans of its rules.
    public let strata: [StratumProfile]
    /// The queries' plans, in order, with their answers.
    public let queries: [PlanProfile]
    public let answers: [QueryAnswer]
    /// True when only the rules the queries depend on were evaluated.
    public let onlyWhatTheQueriesNeed: Bool
}

extension Session {
    /// Evaluates the rules afresh, into a copy of the data, with the executor's step counters
    /// on, then answers `queries` the same way. `onlyWhatTheyNeed`: evaluate only the rules
    /// the queries depend on (`:plan`), else every rule (`kg explain`). The session's own
    /// evaluated model is left as it was.
    public func explain(_ queries: [Query], onlyWhatTheyNeed: Bool, timed: Bool = true) throws -> Explanation {
        let profiler = EvaluationProfiler(timed: timed)
        let evaluator: Evaluator
        // One question with bound arguments: what the demand transformation evaluates for it.
        if onlyWhatTheyNeed, queries.count == 1, let rewrite = demandRewrite(queries[0]) {
            let evaluator = try evaluateOnDemand(rewrite, profiler: profiler)
            let answer = try evaluator.answer(queries[0], branches: rewrite.branches, profiler: profiler)
            let notes = Session.demandNotes(rewrite)
            let plans = profiler.queries.map { plan -> PlanProfile in
                var plan = plan
                plan.notes = notes + plan.notes
                return plan
            }
            return Explanation(strata: profiler.strata, queries: plans, answers: [answer], onlyWhatTheQueriesNeed: true)
        }
        if onlyWhatTheyNeed {
            evaluator = try evaluate(onlyFor: predicatesRead(by: queries), profiler: profiler)
        } else {
            let (strata, _) = Stratifier.stratify(rules: rules) { self.table[$0]?.arity }
            evaluator = Evaluator(model: database.copy(), program: CheckedProgram(rules: rules, strata: strata), limits: options.limits)
            evaluator.profiler = profiler
            try evaluator.evaluate()
        }
        let answers = try queries.map { try evaluator.answer($0, profiler: profiler) }
        return Explanation(strata: profiler.strata, queries: profiler.queries, answers: answers,
                           onlyWhatTheQueriesNeed: onlyWhatTheyNeed)
    }

    /// Answers `query` on the evaluated model a second time, counting its steps (no clock):
    /// what the REPL's hint for an empty answer reads. One plan per branch of its body.
    public func countSteps(of query: Query) throws -> [PlanProfile] {
        let profiler = EvaluationProfiler(timed: false)
        if answersOnDemand(query), let rewrite = demandRewrite(query) {
            _ = try evaluateOnDemand(rewrite).answer(query, branches: rewrite.branches, profiler: profiler)
        } else {
            _ = try evaluate().answer(query, profiler: profiler)
        }
        return profiler.queries
    }

    /// The predicates the queries read, in every branch and aggregate body (all derived
    /// binary ones when they use triple/quad). `cited/2` reads stated facts only: no rule.
    private func predicatesRead(by queries: [Query]) -> Set<String> {
        var out = Set<String>()
        func visit(_ body: [Literal]) {
            for literal in body {
                switch literal {
                case .atom(let a), .negated(let a, _):
                    if a.predicate == "triple" || a.predicate == "quad" {
                        for r in rules where r.head.arity == 2 { out.insert(r.head.predicate) }
                    } else {
                        out.insert(a.predicate)
                    }
                case .disjunction(let alternatives, _): alternatives.forEach(visit)
                case .aggregate(let g): visit(g.body)
                case .comparison, .cited: break
                }
            }
        }
        queries.forEach { visit($0.body) }
        return out
    }
}
