import Testing
import KGEngine
import KGLanguage
import KnowledgeGraph

/// The step counters behind `kg explain` and `:plan`: what each plan did, step by step.
@Suite struct EvaluationProfilerTests {
    static let program = """
        edge(a, b). edge(b, c). edge(c, d). banned(d).
        path(X, Y) :- edge(X, Y).
        path(X, Z) :- path(X, Y), edge(Y, Z).
        ok(X, Y) :- path(X, Y), not banned(Y).
        ?- ok(a, Y), Y != b.

        """

    private func explain(_ text: String, onlyWhatTheyNeed: Bool = false, timed: Bool = false) throws -> Explanation {
        let session = Session()
        let result = session.load(text: text, name: "t.dl")
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))")
        return try session.explain(result.queries, onlyWhatTheyNeed: onlyWhatTheyNeed, timed: timed)
    }

    @Test func strataComeInEvaluationOrderWithTheirRounds() throws {
        let e = try explain(Self.program)
        #expect(e.strata.map(\.predicates) == [["path"], ["ok"]])
        #expect(e.strata.map(\.isRecursive) == [true, false])
        #expect(e.strata[0].rounds == 4)
        #expect(e.strata[1].rounds == 1)
    }

    @Test func aRecursiveRuleHasAFirstRoundAndADeltaVariant() throws {
        let plans = try explain(Self.program).strata[0].plans
        #expect(plans.map(\.variant) == ["first round", "first round", "later rounds, delta of path(X, Y)"])
        let delta = plans[2]
        #expect(delta.runs == 3)
        #expect(delta.steps.map(\.access) == ["scan path, new rows only", "index edge on arg 1"])
        // Three rounds read 3, 2 and 1 new paths (6 rows); 3 of them extend by an edge.
        #expect(delta.steps.map(\.rowsIn) == [3, 6])
        #expect(delta.steps.map(\.rowsOut) == [6, 3])
        #expect(delta.solutions == 3)
        #expect(delta.produced == 3)
        #expect(plans.reduce(0) { $0 + $1.produced } == 6)
    }

    @Test func stepsFollowTheJoinOrderAndNameTheirAccess() throws {
        let ok = try explain(Self.program).strata[1].plans[0]
        #expect(ok.steps.map(\.literal) == ["path(X, Y)", "not banned(Y)"])
        #expect(ok.steps.map(\.access) == ["scan path", "not: lookup banned (all arguments bound)"])
        #expect(ok.steps.map(\.rowsOut) == [6, 3])
        #expect(ok.location == "t.dl:4:1")
        #expect(ok.head == "ok(X, Y)")
    }

    @Test func anAtomThatSharesNoBoundVariableWaitsItsTurn() throws {
        // kind(G) is the cheapest first step; member(I) has the lower estimate next (two rows
        // against tag's five) but shares no variable with G: taken second it would pair every
        // I with every G. tag(I, G) joins on G instead, and member(I) is then a lookup.
        let program = """
            kind(g1).
            member(i1). member(i2).
            tag(i1, g1). tag(i2, g2). tag(i3, g1). tag(i4, g2). tag(i5, g3).
            hit(I, G) :- kind(G), member(I), tag(I, G).
            ?- hit(I, G).

            """
        let hit = try explain(program).strata[0].plans[0]
        #expect(hit.steps.map(\.literal) == ["kind(G)", "tag(I, G)", "member(I)"])
    }

    @Test func aRangeWithConstantBoundsRunsAfterTheAtomThatBindsItsOutput() throws {
        let ok = try explain("pick(7).\nok(X) :- range(1, 1000000, X), pick(X).\n?- ok(X).\n").strata[0].plans[0]
        #expect(ok.steps.map(\.literal) == ["pick(X)", "range(1, 1000000, X)"])
    }

    @Test func theQueryIsCountedAndAnsweredAsUsual() throws {
        let e = try explain(Self.program)
        let q = try #require(e.queries.first)
        #expect(q.steps.map(\.access) == ["index ok on arg 1", "filter"])
        #expect(q.steps.map(\.rowsOut) == [2, 1])
        #expect(q.produced == 1)
        #expect(e.answers.first?.rows.count == 1)
    }

    @Test func onlyTheRulesTheQueryNeedsAreExplainedForPlan() throws {
        let e = try explain(Self.program + "other(X) :- edge(X, _).\n", onlyWhatTheyNeed: true)
        // The query has a constant: the demand transformation evaluates the adorned copies.
        #expect(e.strata.flatMap(\.predicates).sorted() == ["magic^path^bf", "ok^bf", "path^bf"])
        #expect(e.queries.first?.notes.first?.hasPrefix("demand transformation (magic sets)") == true)
    }

    @Test func timesAreMeasuredOnlyWhenAsked() throws {
        let untimed = try explain(Self.program, timed: false)
        #expect(untimed.strata.allSatisfy { $0.plans.allSatisfy { $0.steps.allSatisfy { $0.nanoseconds == 0 } } })
        let timed = try explain(Self.program, timed: true)
        #expect(timed.strata[0].nanoseconds > 0)
    }

    @Test func countingChangesNoAnswer() throws {
        // The same answers with and without the counters, on a program with negation,
        // aggregates, built-ins and triple/3.
        let text = Self.program + """
            fanout(X, count<Y>) :- path(X, Y).
            ?- fanout(X, N), N > 1.
            ?- triple(a, P, O).
            ?- path(X, Y), str(X, S), concat(S, "!", T).

            """
        let plain = try answers(text)
        let counted = try explain(text, timed: true).answers
        #expect(plain.map(rows) == counted.map(rows))
    }

    @Test func anUnknownConstantInTripleIsAStepThatFindsNothing() throws {
        let e = try explain("edge(a, b).\n?- triple(a, nothing, O).")
        #expect(e.queries.first?.steps.map(\.access) == ["nothing (a constant the data never mentions)"])
    }

    @Test func eachBranchOfADisjunctionIsAPlanNamingItsBranch() throws {
        let e = try explain("p(a). p(b). q(c).\ns(X) :- p(X) ; q(X).\n?- s(X), (X = a ; X = c).")
        let rules = e.strata[0].plans
        #expect(rules.map { $0.branch?.label } == ["branch 1 of 2: p(X)", "branch 2 of 2: q(X)"])
        #expect(rules.map(\.produced) == [2, 1])
        #expect(e.queries.map { $0.branch?.label } == ["branch 1 of 2: X = a", "branch 2 of 2: X = c"])
        #expect(e.queries.map { $0.steps.map(\.rowsOut) } == [[3, 1], [3, 1]])
        #expect(e.answers.first?.rows.count == 2)
    }

    @Test func aBodyAggregateShowsItsInnerStepsCountedOverEveryRun() throws {
        let e = try explain("""
            s(a). s(b). s(c). r(a, 1). r(a, 2). r(c, 5).
            t(X, S) :- s(X), S = sum V : { r(X, V) ; r(X, V), V > 1 }.
            ?- s(X), N = count : { r(X, _V) }, N > 1.
            """)
        let rule = e.strata[0].plans[0]
        #expect(rule.steps.map(\.kind) == [.match, .aggregate])
        let aggregate = rule.steps[1]
        #expect((aggregate.rowsIn, aggregate.rowsOut) == (3, 3))
        #expect(aggregate.aggregate.map(\.branch) == ["branch 1 of 2: r(X, V)", "branch 2 of 2: r(X, V), V > 1"])
        // The inner body ran once per s(X): 3 times; r(X, V) found 3 rows over them.
        #expect(aggregate.aggregate.map { $0.steps.map(\.literal) } == [["r(X, V)"], ["r(X, V)", "V > 1"]])
        #expect(aggregate.aggregate.map { $0.steps.map(\.access) } == [["index r on arg 1"], ["index r on arg 1", "filter"]])
        #expect(aggregate.aggregate.map { $0.steps.map(\.rowsIn) } == [[3], [3, 3]])
        #expect(aggregate.aggregate.map(\.solutions) == [3, 2])
        let query = try #require(e.queries.first)
        #expect(query.steps.map(\.rowsOut) == [3, 3, 0])
        #expect(query.steps[1].aggregate.first?.branch == nil)
        #expect(query.steps[1].aggregate.first?.steps.map(\.rowsOut) == [3])
    }
}
