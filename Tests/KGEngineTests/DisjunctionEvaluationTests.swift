import Testing
import KGLanguage
import KnowledgeGraph

/// Rules and queries with `;`: each branch runs as a rule of its own, and the answers are their
/// union.
@Suite struct DisjunctionEvaluationTests {
    @Test func aRuleHoldsWhenAnyBranchDoes() throws {
        let out = try solve("""
            member_of(peru, csm). observer(mexico, csm). member_of(mexico, crm).
            takes_part(S, B) :- member_of(S, B) ; observer(S, B).
            ?- takes_part(S, csm).
            """)
        #expect(out == ["mexico", "peru"])
    }

    @Test func aQueryAnswersTheUnionWithoutDuplicates() throws {
        let out = try solve("""
            a(1). a(2). b(2). b(3).
            ?- a(X) ; b(X).
            """)
        #expect(out == ["1", "2", "3"])
    }

    @Test func groupsMixWithConjunctions() throws {
        let out = try solve("""
            v(1). v(2). v(3). v(4). even(2). even(4). big(3). big(4).
            ?- v(X), (even(X), X > 2 ; big(X), not even(X)).
            """)
        #expect(out == ["3", "4"])
    }

    @Test func branchesMayUseVariablesOfTheirOwn() throws {
        let out = try solve("""
            led_by(m1, peru). presented(chile, m2). in_session(m1, s1). in_session(m2, s1).
            active(S, Sess) :- (led_by(M, S) ; presented(S, M)), in_session(M, Sess).
            ?- active(S, s1).
            """)
        #expect(out == ["chile", "peru"])
    }

    @Test func recursionThroughADisjunction() throws {
        let out = try solve("""
            edge(a, b). edge(b, c). edge(c, d).
            path(X, Y) :- edge(X, Y) ; path(X, Z), edge(Z, Y).
            ?- path(a, Y).
            """)
        #expect(out == ["b", "c", "d"])
    }

    @Test func negationAndComparisonsInsideBranches() throws {
        let out = try solve("""
            n(1). n(2). n(3). n(4). n(5). odd(1). odd(3). odd(5).
            pick(X) :- n(X), (not odd(X), X < 3 ; odd(X), X >= 5).
            ?- pick(X).
            """)
        #expect(out == ["2", "5"])
    }

    @Test func aBooleanQueryWithAlternatives() throws {
        let all = try answers("""
            a(1).
            ?- a(2) ; a(1).
            ?- a(2) ; a(3).
            """)
        #expect(all.map(\.holds) == [true, false])
    }

    @Test func whyShowsTheBranchThatHeld() throws {
        let session = Session()
        let result = session.load(text: """
            member_of(peru, csm). observer(mexico, csm).
            takes_part(S, B) :- member_of(S, B) ; observer(S, B).
            """, name: "t.dl")
        #expect(!result.hasErrors)
        guard case .success(let proof) = try session.why("takes_part(mexico, csm)") else {
            Issue.record("no proof")
            return
        }
        #expect(proof.rendered() == """
            takes_part(mexico, csm)
            │  by takes_part(S, B) :- member_of(S, B) ; observer(S, B).  (branch 2 of 2: observer(S, B))  [t.dl:2:1]
            └─ observer(mexico, csm)  — stated (no source)

            """)
    }

    @Test func aRuleWithBranchesCountsAsOneRule() {
        let session = Session()
        let result = session.load(text: "p(X) :- a(X) ; b(X) ; c(X).\na(1).", name: "t.dl")
        #expect(result.rulesAdded == 1)
        #expect(session.rules.count == 3)
    }

    @Test func unsafeBranchesAreReportedPerBranch() {
        #expect(loadDiagnostics("a(1). b(1, 2).\np(X, Y) :- a(X) ; b(X, Y).") == [
            "2:6: unsafe variable 'Y' in the head: it appears in no positive atom of branch 1 of 2: a(X)",
        ])
        // A problem every branch shares is reported once, without naming branches.
        #expect(loadDiagnostics("a(1). b(1, 2).\np(X, Z) :- a(X) ; b(X, Y).") == [
            "2:6: unsafe variable 'Z' in the head: it appears in no positive atom of the body",
        ])
    }
}
