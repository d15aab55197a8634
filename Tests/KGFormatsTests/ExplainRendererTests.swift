import Testing
import KGEngine
@testable import KGFormats
import KnowledgeGraph

/// The tables `kg explain` and `:plan` print.
@Suite struct ExplainRendererTests {
    private func render(_ text: String, timed: Bool = false) throws -> String {
        let session = Session()
        let result = session.load(text: text, name: "t.dl")
        let e = try session.explain(result.queries, onlyWhatTheyNeed: false, timed: timed)
        return ExplainRenderer.render(strata: e.strata, queries: e.queries, timed: timed)
    }

    @Test func aProgramAsTablesWithoutTimes() throws {
        let out = try render("edge(a, b). edge(b, c).\nhop(X, Z) :- edge(X, Y),\n    edge(Y, Z).\n?- hop(a, Z).\n")
        #expect(out == """
            evaluation: 1 stratum, 1 rule, in this order

            stratum 1 of 1: hop (not recursive)
              rule hop(X, Z) :- edge(X, Y), edge(Y, Z).  (t.dl:2:1)
                #  literal     access                   rows in  rows out
                1  edge(X, Y)  scan edge                      1         2
                2  edge(Y, Z)  index edge on arg 1            2         1
                →  hop(X, Z)   derive (out: new facts)        1         1

              query ?- hop(a, Z).
                #  literal    access                       rows in  rows out
                1  hop(a, Z)  index hop on arg 1                 1         1
                →  answer(Z)  answer (out: distinct rows)        1         1

            """)
    }

    @Test func timesAddAColumnInMilliseconds() throws {
        let out = try render("edge(a, b).\n?- edge(X, Y).\n", timed: true)
        let header = out.split(separator: "\n").first { $0.contains("rows in") }
        #expect(header?.hasSuffix("rows out     ms") == true, "\(out)")
        #expect(out.split(separator: "\n").contains { $0.contains("scan edge") && $0.range(of: #"\d+\.\d{3}$"#, options: .regularExpression) != nil })
    }

    @Test func aYesNoQueryHasAYesNoHead() throws {
        let out = try render("edge(a, b).\n?- edge(a, b).\n")
        #expect(out.contains("→  yes/no      answer (out: distinct rows)              1         1"), "\(out)")
    }

    @Test func columnsArePaddedAndNumbersRightAligned() {
        let lines = ExplainRenderer.table([["#", "literal", "n"], ["10", "x", "5"], ["2", "longer", "123"]], rightAligned: [0, 2])
        #expect(lines == [" #  literal    n", "10  x          5", " 2  longer   123"])
    }

    @Test func branchesAndAggregateBodiesAreShownWithTheirCounts() throws {
        let out = try render("""
            s(a). s(b). r(a, 1). r(a, 2).
            t(X, N) :- s(X), N = count : { r(X, V) ; r(V, X) }.
            ?- t(X, N) ; s(X), N = 0.

            """)
        // The inner body's second branch runs for each s(X) and finds nothing; the query's
        // second branch adds 1 distinct row, (a, 0), since (b, 0) is an answer of the first.
        #expect(out == """
            evaluation: 1 stratum, 1 rule, in this order

            stratum 1 of 1: t (not recursive)
              rule t(X, N) :- s(X), N = count : { r(X, V) ; r(V, X) }.  (t.dl:2:1)
                #    literal                            access                                             rows in  rows out
                1    s(X)                               scan s                                                   1         2
                2    N = count : { r(X, V) ; r(V, X) }  aggregate: runs its body (below) for each binding        2         2
                       branch 1 of 2: r(X, V)
                2.1    r(X, V)                          index r on arg 1                                         2         2
                       branch 2 of 2: r(V, X)
                2.1    r(V, X)                          index r on arg 2                                         2         0
                →    t(X, N)                            derive (out: new facts)                                  2         2

              query ?- t(X, N) ; s(X), N = 0.  (branch 1 of 2: t(X, N))
                #  literal       access                       rows in  rows out
                1  t(X, N)       scan t                             1         2
                →  answer(X, N)  answer (out: distinct rows)        2         2

              query ?- t(X, N) ; s(X), N = 0.  (branch 2 of 2: s(X), N = 0)
                #  literal       access                       rows in  rows out
                1  N = 0         compute N                          1         1
                2  s(X)          scan s                             1         2
                →  answer(X, N)  answer (out: distinct rows)        2         1

            """)
    }
}
