import Testing
import KnowledgeGraph

@Suite struct AggregateTests {
    @Test func countDistinctValuesPerGroup() throws {
        let out = try solve("""
            shared_by(p1, chile). shared_by(p2, chile). shared_by(p3, chile).
            shared_by(p1, peru).
            practice_count(S, count<P>) :- shared_by(P, S).
            ?- practice_count(S, N).
            """)
        #expect(out == ["chile, 3", "peru, 1"])
    }

    @Test func countIgnoresOtherVariables() throws {
        // p1 is shared twice by chile (two meetings) but counted once.
        let out = try solve("""
            shared(p1, chile, m1). shared(p1, chile, m2). shared(p2, chile, m1).
            practice_count(S, count<P>) :- shared(P, S, M).
            ?- practice_count(S, N).
            """)
        #expect(out == ["chile, 2"])
    }

    @Test func countOfPairsCountsPaths() throws {
        let out = try solve("""
            edge(a, b). edge(b, c). edge(c, d).
            path(X, Y) :- edge(X, Y).
            path(X, Z) :- path(X, Y), edge(Y, Z).
            total(count<X, Y>) :- path(X, Y).
            sources(count<X>) :- path(X, Y).
            ?- total(N), sources(M).
            """)
        #expect(out == ["6, 3"])
    }

    @Test func sumRangesOverDistinctSolutionsOfTheBody() throws {
        // alice and bob both paid 10: two distinct bindings (P, A), so the total is 20,
        // as SQL's SUM over the rows of the join.
        let all = try answers("""
            pay(alice, 10). pay(bob, 10). pay(carol, 5).
            total(sum<A>) :- pay(P, A).
            ?- total(T).
            """)
        #expect(rows(all[0]) == ["25"])
    }

    @Test func sumCountsAValueOncePerDistinctJoinRow() throws {
        // Sale s1 (amount 5) joins two items, so it contributes twice; s2 once.
        let out = try solve("""
            sale(s1, 5). sale(s2, 7).
            item(s1, x). item(s1, y). item(s2, x).
            total(sum<A>) :- sale(S, A), item(S, I).
            by_item(I, sum<A>) :- sale(S, A), item(S, I).
            ?- total(T).
            """)
        #expect(out == ["17"])
        let items = try solve("""
            sale(s1, 5). sale(s2, 7).
            item(s1, x). item(s1, y). item(s2, x).
            by_item(I, sum<A>) :- sale(S, A), item(S, I).
            ?- by_item(I, T).
            """)
        #expect(items == ["x, 12", "y, 5"])
    }

    @Test func sumOfDecimalsAndMixedNumbers() throws {
        #expect(try solve("v(a, 1.5). v(b, 2.25). v(c, 1). s(sum<X>) :- v(_K, X). ?- s(T).") == ["4.75"])
        #expect(try solve("v(a, 1). v(b, 2). s(sum<X>) :- v(K, X). ?- s(T).") == ["3"])
    }

    @Test func sumOverComputedValues() throws {
        #expect(try solve("n(1). n(2). n(3). s(sum<Y>) :- n(X), Y = X * 10. ?- s(T).") == ["60"])
    }

    @Test func minAndMax() throws {
        let all = try answers("""
            convened_by(m1, csm). convened_by(m2, csm). convened_by(m3, crm).
            start_date(m1, 2018-05-02). start_date(m2, 2017-11-20). start_date(m3, 2019-01).
            first_meeting(B, min<D>) :- convened_by(M, B), start_date(M, D).
            last_meeting(B, max<D>) :- convened_by(M, B), start_date(M, D).
            ?- first_meeting(B, D).
            ?- last_meeting(B, D).
            """)
        #expect(all.map(rows) == [["crm, 2019-01", "csm, 2017-11-20"], ["crm, 2019-01", "csm, 2018-05-02"]])
    }

    @Test func minAndMaxOfNumbersCompareByValue() throws {
        let all = try answers("""
            v(a, 10). v(b, 9.5). v(c, -2). v(d, 100).
            lo(min<X>) :- v(K, X).
            hi(max<X>) :- v(K, X).
            ?- lo(X).
            ?- hi(X).
            """)
        #expect(all.map(rows) == [["-2"], ["100"]])
    }

    @Test func minOfStringsByCodePoints() throws {
        #expect(try solve(#"n(a, "b"). n(b, "B"). n(c, "é"). lo(min<S>) :- n(K, S). hi(max<S>) :- n(K, S). ?- lo(X), hi(Y)."#)
            == [#""B", "é""#])
    }

    @Test func severalGroupingKeys() throws {
        let out = try solve("""
            att(m1, chile, ana). att(m1, chile, ben). att(m1, peru, eva). att(m2, chile, ana).
            delegates(M, S, count<P>) :- att(M, S, P).
            ?- delegates(M, S, N).
            """)
        #expect(out == ["m1, chile, 2", "m1, peru, 1", "m2, chile, 1"])
    }

    @Test func groupKeyMayBeAConstant() throws {
        #expect(try solve("e(a). e(b). c(all, count<X>) :- e(X). ?- c(K, N).") == ["all, 2"])
    }

    @Test func emptyGroupsProduceNoRow() throws {
        let all = try answers("""
            state(chile). state(peru). state(haiti).
            shared_by(p1, chile). shared_by(p2, chile). shared_by(p3, peru).
            practice_count(S, count<P>) :- state(S), shared_by(P, S).
            ?- practice_count(S, N).
            ?- practice_count(haiti, N).
            """)
        #expect(all.map(rows) == [["chile, 2", "peru, 1"], []])
    }

    @Test func aggregateOverNothingProducesNoFact() throws {
        let all = try answers("""
            e(1).
            none(X) :- e(X), X > 5.
            total(count<X>) :- none(X).
            s(sum<X>) :- none(X).
            m(min<X>) :- none(X).
            ?- total(N).
            ?- s(N).
            ?- m(N).
            """)
        #expect(all.map(rows) == [[], [], []])
    }

    @Test func aggregateFeedsALaterStratum() throws {
        let out = try solve("""
            shared_by(p1, chile). shared_by(p2, chile). shared_by(p3, peru).
            practice_count(S, count<P>) :- shared_by(P, S).
            busy(S) :- practice_count(S, N), N >= 2.
            ?- busy(S).
            """)
        #expect(out == ["chile"])
    }

    @Test func aggregateAfterRecursion() throws {
        let out = try solve("""
            edge(a, b). edge(b, c). edge(c, a). edge(d, a).
            reach(X, Y) :- edge(X, Y).
            reach(X, Z) :- reach(X, Y), edge(Y, Z).
            reach_count(X, count<Y>) :- reach(X, Y).
            ?- reach_count(X, N).
            """)
        #expect(out == ["a, 3", "b, 3", "c, 3", "d, 3"])
    }

    @Test func aggregateWithNegationInTheBody() throws {
        #expect(try solve("e(1). e(2). e(3). bad(2). n(count<X>) :- e(X), not bad(X). ?- n(N).") == ["2"])
    }

    @Test func severalAggregatesInOneHead() throws {
        let out = try solve("""
            v(a, 3). v(a, 5). v(b, 7).
            stats(G, count<X>, sum<X>, min<X>, max<X>) :- v(G, X).
            ?- stats(G, N, S, Lo, Hi).
            """)
        #expect(out == ["a, 2, 8, 3, 5", "b, 1, 7, 7, 7"])
    }

    @Test func anonymousColumnsStillDistinguishSolutions() throws {
        // alice and bob both paid 10: two rows of the join, so the sum is 20 even though
        // the payer is not named (as SQL's SUM over the rows of pay).
        #expect(try solve("pay(alice, 10). pay(bob, 10). total(sum<A>) :- pay(_, A). ?- total(T).") == ["20"])
    }

    @Test func aggregateKeyMayBeComputed() throws {
        #expect(try solve("v(1, a). v(1, b). v(2, c). c(G * 10, count<X>) :- v(G, X). ?- c(K, N).") == ["10, 2", "20, 1"])
    }

    @Test func aggregateRuleBesideARecursiveRuleOfTheSamePredicate() throws {
        // total reads base (a lower stratum) through sum, and itself positively.
        let out = try solve("""
            base(a, 1). base(a, 2). base(b, 5).
            link(a, c). link(c, d).
            total(X, sum<N>) :- base(X, N).
            total(Y, N) :- total(X, N), link(X, Y).
            ?- total(X, N).
            """)
        #expect(out == ["a, 3", "b, 5", "c, 3", "d, 3"])
    }

    @Test func aggregationThroughRecursionIsAnError() {
        #expect(loadDiagnostics("""
            e(a, b).
            reach(X, Y) :- e(X, Y).
            reach(X, N) :- size(X, N).
            size(X, count<Y>) :- reach(X, Y).
            """) == [
            "4:22: aggregation through recursion: size -> count reach -> size; a predicate cannot depend on its own negation or aggregate",
        ])
    }

    @Test func sumOverflowIsAnError() throws {
        let e = try #require(evaluationError("v(a, 9223372036854775807). v(b, 1). s(sum<X>) :- v(K, X). ?- s(T)."))
        #expect(e.kind == .integerOverflow)
        #expect(e.message == "integer overflow in sum<...>: the total does not fit in 64 bits")
        #expect(e.range?.location == "t.dl:1:39")
    }

    @Test func sumOfNonNumbersIsAnError() {
        let e = evaluationError("v(a). s(sum<X>) :- v(X). ?- s(T).")
        #expect(e?.message == "sum<...> needs numbers, but got the entity a")
        #expect(e?.range?.location == "t.dl:1:9")
    }
}
