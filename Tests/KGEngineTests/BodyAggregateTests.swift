import Testing
import KGEngine
import KnowledgeGraph

/// Aggregates in rule and query bodies: `N = count : { ... }` and the others, grouped by the
/// variables they share with the rest of the rule.
@Suite struct BodyAggregateTests {
    @Test func countIncludesGroupsWithNone() throws {
        let out = try solve("""
            session(s1). session(s2). session(s3).
            in_session(p1, s1). in_session(p2, s1). in_session(p3, s2).
            practices(S, N) :- session(S), N = count : { in_session(P, S) }.
            ?- practices(S, N).
            """)
        #expect(out == ["s1, 2", "s2, 1", "s3, 0"])
    }

    @Test func countCountsDistinctBindingsOfTheNamedLocals() throws {
        // p1 is in s1 twice (two meetings); `_` is not counted, so neither is the meeting.
        let out = try solve("""
            session(s1).
            at(p1, s1, m1). at(p1, s1, m2). at(p2, s1, m1).
            ?- session(S), A = count : { at(P, S, _) }, B = count : { at(P, S, M) }, C = count : { at(_, S, _) }.
            """)
        #expect(out == ["s1, 2, 3, 1"])
    }

    @Test func sumRangesOverDistinctBindingsOfAllItsVariables() throws {
        // alice and bob both paid 10: both count, as with sum<V> in a head.
        let out = try solve("""
            group(g). paid(g, alice, 10). paid(g, bob, 10). paid(g, carol, 5).
            ?- group(G), T = sum A : { paid(G, _, A) }, U = sum A : { paid(G, bob, A) }.
            """)
        #expect(out == ["g, 25, 10"])
    }

    @Test func sumOfNothingIsZeroAndMinMaxMeanOfNothingFail() throws {
        let all = try answers("""
            k(a). v(b, 3).
            ?- k(X), S = sum V : { v(X, V) }.
            ?- k(X), M = min V : { v(X, V) }.
            ?- k(X), M = max V : { v(X, V) }.
            ?- k(X), M = mean V : { v(X, V) }.
            """)
        #expect(all.map(rows) == [["a, 0"], [], [], []])
    }

    @Test func minMaxAndMean() throws {
        let out = try solve("""
            body(crm). met(crm, 2019-06-03). met(crm, 2021-11-10). met(crm, 2018-05).
            size(crm, 2). size(crm, 4). size(crm, 9).
            ?- body(B), F = min D : { met(B, D) }, L = max D : { met(B, D) }, A = mean N : { size(B, N) }, Big = max N * 10 : { size(B, N) }.
            """)
        #expect(out == ["crm, 2018-05, 2021-11-10, 5.0, 90"])
    }

    @Test func aBoundResultIsCompared() throws {
        let out = try solve("""
            claimed(s1, 2). claimed(s2, 5).
            in_session(p1, s1). in_session(p2, s1). in_session(p3, s2).
            ?- claimed(S, N), N = count : { in_session(P, S) }.
            """)
        #expect(out == ["s1, 2"])
    }

    @Test func anyComparisonAndEitherSide() throws {
        let out = try solve("""
            session(s1). session(s2). in_session(p1, s1). in_session(p2, s1). in_session(p3, s2).
            ?- session(S), count : { in_session(P, S) } >= 2, 3 > count : { in_session(P, S) }.
            """)
        #expect(out == ["s1"])
    }

    @Test func alternativesInsideAnAggregateCountEachBindingOnce() throws {
        let out = try solve("""
            body(csm). member_of(peru, csm). member_of(chile, csm). observer(peru, csm). observer(spain, csm).
            ?- body(B), N = count : { member_of(S, B) ; observer(S, B) }.
            """)
        #expect(out == ["csm, 3"])
    }

    @Test func nestedAggregates() throws {
        // Sessions with more than one practice, counted per body.
        let out = try solve("""
            of(s1, crm). of(s2, crm). of(s3, crm).
            in_session(p1, s1). in_session(p2, s1). in_session(p3, s2). in_session(p4, s3). in_session(p5, s3).
            body(crm).
            ?- body(B), N = count : { of(S, B), K = count : { in_session(P, S) }, K > 1 }.
            """)
        #expect(out == ["crm, 2"])
    }

    @Test func negationInsideTheBody() throws {
        let out = try solve("""
            state(peru). state(chile). member_of(peru, csm). member_of(chile, csm). suspended(chile).
            body(csm).
            ?- body(B), N = count : { member_of(S, B), not suspended(S) }.
            """)
        #expect(out == ["csm, 1"])
    }

    @Test func aggregatesInARecursiveStratumOverLowerOnes() throws {
        let out = try solve("""
            edge(a, b). edge(b, c). w(a, 1). w(b, 2). w(c, 3).
            reach(X, X) :- w(X, _).
            reach(X, Z) :- reach(X, Y), edge(Y, Z), T = sum V : { w(Z, V) }, T > 0.
            ?- reach(a, Y).
            """)
        #expect(out == ["a", "b", "c"])
    }

    @Test func withAHeadAggregate() throws {
        let out = try solve("""
            session(s1). session(s2). in_session(p1, s1). in_session(p2, s1). in_session(p3, s2).
            total(sum<N>) :- session(S), N = count : { in_session(P, S) }.
            ?- total(T).
            """)
        #expect(out == ["3"])
    }

    @Test func sumOfANonNumberIsAnError() {
        let error = evaluationError("""
            k(a). v(a, x).
            ?- k(K), S = sum V : { v(K, V) }.
            """)
        #expect(error.map { place($0.diagnostic) } == "2:18: sum needs numbers, but got the entity x in 'sum V : { v(K, V) }'")
    }

    @Test func meanHeadAggregate() throws {
        let out = try solve("""
            size(crm, 2). size(crm, 3). size(csm, 4).
            avg(B, mean<N>) :- size(B, N).
            ?- avg(B, A).
            """)
        #expect(out == ["crm, 2.5", "csm, 4.0"])
    }

    @Test func aggregationThroughRecursionIsAnError() {
        #expect(loadDiagnostics("""
            link(a, b).
            reach(X, Y) :- link(X, Y).
            reach(X, Y) :- link(X, Y), N = count : { reach(Y, _) }, N > 0.
            """) == [
            "3:42: aggregation through recursion: reach -> count reach; a predicate cannot depend on its own negation or aggregate",
        ])
    }

    @Test func misusesArePositionedErrors() {
        #expect(loadDiagnostics("q(a, b).\nw(X, N) :- N = count : { q(X, Y) }.") == [
            "2:3: variable 'X' is local to count : { ... } (only its body binds it), so the head cannot use it; to group by X, bind it outside the aggregate too",
        ])
        #expect(loadDiagnostics("p(a). q(a, b).\nw(X, N) :- p(X), N = count : { q(X, Y) }, Y != a.") == [
            "2:37: unsafe grouping variable 'Y' of count : { ... }: it also occurs outside the aggregate, so the rest of the rule must bind it, but it appears there in no positive atom",
        ])
        #expect(loadDiagnostics("p(a). q(a, b).\nw(X, S) :- p(X), S = sum V : { q(X, Y) }.") == [
            "2:26: unsafe variable 'V' in sum V: it appears in no positive atom of the aggregate's body",
        ])
        #expect(loadDiagnostics("q(a, b).\nw(N) :- N = count : { q(N, Y) }.") == [
            "2:25: 'N' is the result of count : { ... }, so its body cannot use it (unless a positive atom outside binds N first)",
        ])
        #expect(loadDiagnostics("q(a, b).\n?- _ = count : { q(X, Y) }.") == [
            "2:4: '_' cannot take the result of count: name a variable, as in N = count : { ... }",
        ])
    }
}
