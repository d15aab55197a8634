import Testing
import KGLanguage
import KnowledgeGraph

/// `cited(Fact, G)`: the sources of stated facts of any arity.
@Suite struct CitationTests {
    static let program = """
        pro_tempore_presidency(crm, honduras, 2020).
        @source src_doc003.
        pro_tempore_presidency(crm, mexico, 2021).
        start_date(m1, 2021-11-10).
        @source src_doc004.
        pro_tempore_presidency(crm, mexico, 2021).
        start_date(m2, 2022-05).
        @source inf_m2_date.
        start_date(m2, 2022-05).
        type(inf_m2_date, curator_inference).
        """

    @Test func everySourceOfAFactOfAnyArity() throws {
        let out = try solve(Self.program + "\n?- cited(pro_tempore_presidency(crm, S, Y), G).")
        #expect(out == ["honduras, 2020, default", "mexico, 2021, src_doc003", "mexico, 2021, src_doc004"])
    }

    @Test func boundArgumentsAndABoundSource() throws {
        let all = try answers(Self.program + """

            ?- cited(pro_tempore_presidency(crm, mexico, 2021), G).
            ?- cited(start_date(M, D), src_doc004).
            ?- cited(start_date(m1, D), src_doc004).
            """)
        #expect(all.map(rows) == [["src_doc003", "src_doc004"], ["m2, 2022-05"], []])
    }

    @Test func documentedVersusInferredDates() throws {
        let all = try answers(Self.program + """

            ?- cited(start_date(M, D), G), not type(G, curator_inference).
            ?- cited(start_date(M, D), G), type(G, curator_inference).
            """)
        #expect(all.map(rows) == [["m1, 2021-11-10, src_doc003", "m2, 2022-05, src_doc004"], ["m2, 2022-05, inf_m2_date"]])
    }

    @Test func derivedFactsAreNotCited() throws {
        let all = try answers("""
            member_of(peru, csm).
            @source doc1.
            takes_part(chile, csm).
            takes_part(S, B) :- member_of(S, B).
            ?- takes_part(S, B).
            ?- cited(takes_part(S, B), G).
            """)
        #expect(all.map(rows) == [["chile, csm", "peru, csm"], ["chile, csm, doc1"]])
    }

    @Test func negatedCitation() throws {
        let out = try solve(Self.program + "\n?- start_date(M, D), not cited(start_date(M, D), src_doc003), not cited(start_date(M, _), nowhere).")
        #expect(out == ["m2, 2022-05"])
    }

    @Test func aFactWithNoSuchPredicateIsNeverCited() throws {
        let all = try answers("""
            @pred never(any).
            ?- cited(never(X), G).
            ?- not cited(never(a), G2), G2 = x.
            """)
        #expect(all.map(rows) == [[], ["x"]])
    }

    @Test func countingSources() throws {
        let out = try solve(Self.program + "\n?- P = crm, N = count : { cited(pro_tempore_presidency(P, _, _), G) }.")
        #expect(out == ["crm, 3"])
    }

    @Test func misuses() {
        #expect(loadDiagnostics("p(a).\n?- cited(X, G).") == [
            "2:10: the first argument of cited/2 is a fact pattern such as member_of(S, B), not variable 'X'",
        ])
        #expect(loadDiagnostics("p(a).\n?- cited(triple(S, P, O), G).") == [
            "2:10: cited/2 gives the sources of stated facts; triple is a built-in, which states nothing; for the sources of a triple, use quad(S, P, O, G)",
        ])
        #expect(loadDiagnostics("p(a).\n?- cited(p(X, Y), G).").first?.hasPrefix("2:10: arity mismatch: p is used with 2 arguments here") == true)
        #expect(loadDiagnostics("p(a).\n?- p(X), not cited(p(X), G).") == [
            "2:26: unsafe variable 'G': it appears only in a negated atom",
        ])
        #expect(loadDiagnostics("cited(a, b).") == ["1:1: cannot define facts or rules for the built-in predicate cited(Fact, Source)"])
    }

    @Test func whyGivesTheSourcesOfAFactOfAnyArity() throws {
        let session = Session()
        #expect(!session.load(text: Self.program, name: "t.dl").hasErrors)
        guard case .success(let proof) = try session.why("pro_tempore_presidency(crm, mexico, 2021)") else {
            Issue.record("no proof")
            return
        }
        #expect(proof.rendered() == "pro_tempore_presidency(crm, mexico, 2021)  — stated in src_doc003, src_doc004\n")
    }
}
