import Testing
import KGEngine
import KGStore
import KnowledgeGraph

/// The base facts the query tests run over.
private let graph = """
    member_of(ecuador, csm). member_of(peru, csm). member_of(chile, csm). member_of(mexico, crm).
    presented(ecuador, v_plenary_session_4). presented(chile, v_plenary_session_4). presented(mexico, m2).
    """

@Suite struct QueryTests {
    @Test func columnsInOrderOfFirstAppearance() throws {
        let all = try answers(graph + """
            ?- member_of(S, csm), presented(S, M).
            ?- presented(S, M), member_of(S, B).
            ?- X = 1, member_of(S, B), Y = X + 1.
            """)
        #expect(all.map(\.columns) == [["S", "M"], ["S", "M", "B"], ["X", "S", "B", "Y"]])
        #expect(rows(all[0]) == ["chile, v_plenary_session_4", "ecuador, v_plenary_session_4"])
    }

    @Test func underscoreVariablesAreNotPrinted() throws {
        let all = try answers(graph + """
            ?- member_of(S, _B).
            ?- member_of(_S, B).
            ?- member_of(_S, _).
            """)
        #expect(all.map(\.columns) == [["S"], ["B"], []])
        #expect(all.map(rows) == [["chile", "ecuador", "mexico", "peru"], ["crm", "csm"], [""]])
    }

    @Test func rowsAreDistinctAndSorted() throws {
        let all = try answers("""
            v(a, 10). v(b, 9). v(c, 10). v(d, 2.5). v(e, 2018-05). v(f, 2018-05-01). v(g, "x"). v(h, zeta).
            v(i, -3). v(j, "X"). v(k, alpha).
            ?- v(_K, X).
            """)
        #expect(rows(all[0]) == ["-3", "2.5", "9", "10", "2018-05", "2018-05-01", "\"X\"", "\"x\"", "alpha", "zeta"])
    }

    @Test func rowsSortColumnByColumn() throws {
        let out = try solve("p(b, 1). p(a, 2). p(a, 10). p(b, 0). ?- p(X, Y).")
        #expect(out == ["a, 2", "a, 10", "b, 0", "b, 1"])
    }

    @Test func comparisonsOfDatesAndStrings() throws {
        let all = try answers("""
            held(m1, 2018-05). held(m2, 2018-05-01). held(m3, 2017-12-31). held(m4, 2018-06-02).
            ?- held(M, D), D < 2018-05-01.
            ?- held(M, D), D >= 2018-05.
            ?- "Perú" > "Peru".
            ?- "Zeta" < "alpha".
            """)
        #expect(all.map(rows) == [
            ["m1, 2018-05", "m3, 2017-12-31"],
            ["m1, 2018-05", "m2, 2018-05-01", "m4, 2018-06-02"],
            [""],
            [""],
        ])
    }

    @Test func orderingComparisonsAcrossKindsAreFalse() throws {
        let all = try answers("""
            v(1). v("1"). v(one). v(2018-05).
            ?- v(X), X < 2.
            ?- v(X), X != 1.
            """)
        #expect(all.map(rows) == [["1"], ["2018-05", "\"1\"", "one"]])
    }

    @Test func trueAndFalseQueries() throws {
        let all = try answers(graph + """
            ?- member_of(ecuador, csm).
            ?- member_of(ecuador, crm).
            ?- member_of(_X, crm).
            ?- member_of(brazil, _).
            ?- 1 < 2.
            """)
        #expect(all.map(\.isBoolean) == [true, true, true, true, true])
        #expect(all.map(\.holds) == [true, false, true, false, true])
        #expect(all.map(\.rows.count) == [1, 0, 1, 0, 1])
        #expect(all[0].rows == [[]])
    }

    @Test func queryWithAllVariableArguments() throws {
        let all = try answers(graph + "?- presented(S, M).")
        #expect(all[0].columns == ["S", "M"])
        #expect(rows(all[0]) == ["chile, v_plenary_session_4", "ecuador, v_plenary_session_4", "mexico, m2"])
    }

    @Test func repeatedVariablesMustMatch() throws {
        #expect(try solve("e(a, a). e(a, b). e(b, b). ?- e(X, X).") == ["a", "b"])
        // A named underscore variable is hidden but still one variable.
        #expect(try solve("e(a, b). e(b, c). ?- e(_X, _X).") == [])
        #expect(try solve("e(a, b). e(b, b). ?- e(_X, _X).") == [""])
    }

    @Test func queryTextIsEchoed() throws {
        let all = try answers(graph + "?-   member_of(S, csm)  .")
        #expect(all[0].query == "member_of(S, csm)")
    }

    @Test func unknownConstantsMatchNothing() throws {
        let session = Session()
        let r = session.load(text: graph + "?- member_of(S, nowhere). ?- member_of(S, \"csm\").", name: "t.dl")
        #expect(try r.queries.map { rows(try session.answer($0)) } == [[], []])
    }

    @Test func sameQueryTwiceGivesTheSameAnswer() throws {
        let session = Session()
        let r = session.load(text: graph + "?- member_of(S, B), presented(S, M).", name: "t.dl")
        let first = try session.answer(r.queries[0])
        let second = try session.answer(r.queries[0])
        #expect(first.rows == second.rows)
        #expect(rows(first) == ["chile, csm, v_plenary_session_4", "ecuador, csm, v_plenary_session_4", "mexico, crm, m2"])
    }

    @Test func queriesSeeFactsLoadedLater() throws {
        let session = Session()
        let a = session.load(text: graph, name: "a.dl")
        #expect(!a.hasErrors)
        let b = session.load(text: "member_of(brazil, crm). ?- member_of(S, crm).", name: "b.dl")
        #expect(rows(try session.answer(b.queries[0])) == ["brazil", "mexico"])
    }

    @Test func aLoadWithAnErrorKeepsNothing() throws {
        let session = Session()
        _ = session.load(text: graph, name: "a.dl")
        let bad = session.load(text: "member_of(brazil, crm).\nok(X) :- member_of(X, _), not banned(X, Y).\n?- member_of(S, crm).", name: "b.dl")
        #expect(bad.diagnostics.filter(\.isError).map(place) == ["2:41: unsafe variable 'Y': it appears only in a negated atom"])
        #expect(bad.queries.isEmpty)
        let again = session.load(text: "?- member_of(S, crm).", name: "c.dl")
        #expect(rows(try session.answer(again.queries[0])) == ["mexico"])
    }

    @Test
    func aFailedLoadForgetsTheArityItIntroduced() throws {
        let session = Session()
        let bad = session.load(text: "fresh(a, b).\n?- fresh(X, Y), not other(X, Z).", name: "a.dl")
        #expect(bad.hasErrors)
        let good = session.load(text: "fresh(a). ?- fresh(X).", name: "b.dl")
        #expect(good.diagnostics.map(place) == [])
        #expect(rows(try session.answer(good.queries[0])) == ["a"])
    }

    @Test func unsafeQueryIsRejectedAtLoadTime() {
        #expect(loadDiagnostics("p(a). ?- p(X), not q(X, Y).").contains("1:25: unsafe variable 'Y': it appears only in a negated atom"))
    }

    @Test func arityMismatchAcrossLoadsIsReportedWithANote() throws {
        let session = Session()
        _ = session.load(text: "member_of(a, b).", name: "a.dl")
        let r = session.load(text: "\nmember_of(a, b, c).", name: "b.dl")
        #expect(r.diagnostics.count == 1)
        #expect(r.diagnostics[0].description == """
            b.dl:2:1: error: arity mismatch: member_of is used with 3 arguments here, but it has 2 elsewhere (member_of/2)
              member_of(a, b, c).
              ^
            a.dl:1:1: note: member_of/2 is first used here
              member_of(a, b).
              ^
            """)
    }
}
