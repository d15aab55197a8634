import Foundation
import Testing

/// The REPL's side of shaped answers, label languages, data warnings, `:plan` and the
/// empty-answer hint, through a pipe (see `REPLPipe`).
@Suite struct REPLAnswersPipeTests {
    static let labelled = """
        label(peru, "Perú"@es). label(peru, "Peru"@en). label(chile, "Chile"@es). label(chile, "Chile"@en).
        label(csm, "CSM"). member_of(peru, csm). member_of(chile, csm).

        """

    // MARK: Query options

    @Test func aContinuationLineStartingWithAnOptionIsPartOfTheQuery() throws {
        let out = try REPLPipe.session("""
            n(a, 1). n(b, 3). n(c, 2).
            ?- n(X, N)
            :order -N
               :limit 2.
            ?- n(X, N) :select N
            :offset 1.

            """)
        #expect(out.stdout == "X  N\n-  -\nb  3\nc  2\n(2 rows)\nN\n-\n2\n3\n(2 rows)\n")
        #expect(out.stderr == "")
    }

    @Test func aMisusedOptionIsAnErrorAndTheSessionGoesOn() throws {
        let out = try REPLPipe.session("n(a, 1).\n?- n(X, N) :limit -1.\n?- n(X, N) :limit 1.\n")
        #expect(out.stdout == "X  N\n-  -\na  1\n(1 row)\n")
        #expect(out.stderr.hasPrefix("<input>:1:19: error: ':limit' takes a whole number, 0 or more, not '-1'\n"))
    }

    // MARK: :lang

    @Test func langChoosesTheLabelsOfTables() throws {
        let out = try REPLPipe.session(Self.labelled + """
            :labels on
            ?- member_of(S, csm).
            :lang es
            ?- member_of(S, csm).
            :lang en
            ?- member_of(S, B).
            :lang
            :lang all
            :lang

            """)
        let tables = out.stdout.components(separatedBy: "(2 rows)\n")
        try #require(tables.count == 4, "stdout: \(out.stdout)")
        #expect(tables[0].lines.contains("peru (Peru / Perú)"))
        #expect(tables[0].lines.contains("chile (Chile)"))
        #expect(tables[1].lines.contains("peru (Perú)"))
        #expect(!tables[1].contains("Peru "))
        // A label without a tag shows whatever the language.
        #expect(tables[2].lines.contains("peru (Peru)    csm (CSM)"))
        #expect(tables[3] == "labels shown: en\nlabels shown: all\n")
        #expect(out.stderr == "")
    }

    @Test func langChoosesTheLabelsOfDescribe() throws {
        let out = try REPLPipe.session(Self.labelled + ":describe peru\n:lang es\n:describe peru\n:lang en\n:describe csm\n")
        let labels = out.stdout.lines.filter { $0.hasPrefix("  labels: ") }
        #expect(labels == ["  labels: \"Peru\"@en, \"Perú\"@es", "  labels: \"Perú\"@es", "  labels: \"CSM\""])
    }

    @Test func langRefusesATagNoLabelHas() throws {
        let out = try REPLPipe.session(Self.labelled + ":lang fr\n:lang\n")
        #expect(out.stderr == "no label is tagged 'fr' (the labels' tags are en, es); usage: :lang es|en|all\n")
        #expect(out.stdout == "labels shown: all\n")
    }

    // MARK: Data warnings

    @Test func anUnknownEntityIsAWarningInTheREPLAndTheQueryStillRuns() throws {
        let out = try REPLPipe.session(Self.labelled + "heading(s1, \"Sesión 1\"@es).\n?- member_of(S, cms).\n?- heading(X, \"Sesión 1\").\n")
        #expect(out.stderr.lines.first == "<input>:1:17: warning: unknown entity 'cms': it occurs in no fact of the graph; did you mean csm (CSM)?")
        #expect(out.stderr.contains("warning: the values of heading/2 are language-tagged, so the plain string \"Sesión 1\" matches none: write \"Sesión 1\"@es, or use like/2"))
        #expect(out.stdout.hasPrefix("S\n-\n(0 rows)\n"))
    }

    @Test func anEntityAddedInAnEarlierInputIsKnown() throws {
        let out = try REPLPipe.session("p(a).\n?- p(b).\np(b).\n?- p(b).\n")
        #expect(out.stdout == "false\ntrue\n")
        #expect(out.stderr.components(separatedBy: "unknown entity 'b'").count == 2)
    }

    // MARK: :plan

    static let paths = """
        edge(a, b). edge(b, c). banned(c).
        path(X, Y) :- edge(X, Y).
        path(X, Z) :- path(X, Y), edge(Y, Z).
        unrelated(X) :- edge(X, _).

        """

    @Test func planShowsTheStrataTheQueryNeedsAndItsSteps() throws {
        let out = try REPLPipe.session(Self.paths + ":plan path(a, Y), not banned(Y)\n?- path(a, Y).\n")
        let lines = out.stdout.lines
        // path(a, Y) has a constant: the demand transformation's magic and adorned strata.
        #expect(lines.first == "evaluation: 2 strata, 3 rules, in this order")
        #expect(lines.contains { $0.hasPrefix("stratum 2 of 2: path^bf (recursive, 3 rounds, ") && $0.hasSuffix(" ms)") })
        #expect(lines.contains("    note: demand transformation (magic sets): only the facts the query's bound arguments reach were derived"))
        #expect(lines.contains("    note: adorned (b = bound, f = free): path/2 as path^bf"))
        #expect(!out.stdout.contains("unrelated"))
        #expect(lines.contains("  query ?- path(a, Y), not banned(Y)."))
        let steps = lines.filter { $0.range(of: #"^    [0-9→] "#, options: .regularExpression) != nil }
        // Each step row ends with rows in, rows out and a time in milliseconds.
        #expect(steps.allSatisfy { $0.range(of: #" \d+  +\d+  +\d+\.\d{3}$"#, options: .regularExpression) != nil }, "\(steps)")
        #expect(lines.contains { $0.hasPrefix("    2  not banned(Y)  not: lookup banned (all arguments bound)") })
        // The session is as before: the query after :plan answers normally.
        #expect(out.stdout.hasSuffix("Y\n-\nb\nc\n(2 rows)\n"))
        #expect(out.stderr == "")
    }

    @Test func planRefusesAnythingButOneQuery() throws {
        let out = try REPLPipe.session(Self.paths + ":plan\n:plan edge(x, y). ?- edge(x, y).\n?- edge(x, Y).\n")
        let usage = "usage: :plan QUERY (one query, as in :plan ?- member_of(S, csm).)\n"
        #expect(out.stderr.hasPrefix(usage + usage))
        // Nothing was added by the refused :plan.
        #expect(out.stdout == "Y\n-\n(0 rows)\n")
    }

    @Test func planReportsAnErrorInTheQuery() throws {
        let out = try REPLPipe.session(Self.paths + ":plan path(X Y)\n")
        #expect(out.stderr.hasPrefix("<input>:1:11: error: expected ',' or ')' in the arguments of 'path', found variable 'Y'"))
        #expect(out.stdout == "")
    }

    // MARK: The hint for an empty answer

    @Test func anEmptyAnswerNamesTheLiteralWhereTheBindingsRanOut() throws {
        let out = try REPLPipe.session(["--no-seeds", "--format", "tsv"], Self.paths + """
            ?- path(a, Y), edge(Y, a).
            ?- path(X, Y), X = c.
            ?- path(X, Y), Y = b, not edge(X, Y).
            ?- edge(b, Y), path(Y, Z).
            ?- edge(q, X), path(X, Y).

            """)
        #expect(out.stdout == "Y\nX\tY\nX\tY\nY\tZ\nX\tY\n")
        // In join order: edge(Y, a), with a constant, is placed first and matches nothing.
        #expect(out.stderr == """
            <input>:1:16: note: no answers: nothing matches edge(Y, a)
              ?- path(a, Y), edge(Y, a).
                             ^
            <input>:1:16: note: no answers: path(X, Y) gives 3 bindings, but none of them passes X = c
              ?- path(X, Y), X = c.
                             ^
            <input>:1:23: note: no answers: the 2 literals before it give 1 binding, but not edge(X, Y) excludes it
              ?- path(X, Y), Y = b, not edge(X, Y).
                                    ^
            <input>:1:16: note: no answers: edge(b, Y) gives 1 binding, but it does not match path(Y, Z)
              ?- edge(b, Y), path(Y, Z).
                             ^
            <input>:1:9: warning: unknown entity 'q': it occurs in no fact of the graph
              ?- edge(q, X), path(X, Y).
                      ^
            <input>:1:4: note: no answers: nothing matches edge(q, X)
              ?- edge(q, X), path(X, Y).
                 ^

            """)
    }

    @Test func noHintForOneLiteralOrWhenOnlyTheOffsetEmptiedTheAnswer() throws {
        let out = try REPLPipe.session(Self.paths + "?- edge(c, X).\n?- path(X, Y), edge(Y, _) :offset 5.\n?- edge(b, a).\n")
        #expect(out.stderr == "")
    }

    @Test func eachBranchOfAnEmptyDisjunctionGetsItsNote() throws {
        let out = try REPLPipe.session(["--no-seeds", "--format", "tsv"], Self.paths + """
            ?- path(a, Y), (edge(Y, a) ; Y = a).
            ?- path(a, Y), (edge(Y, a) ; Y = b).

            """)
        #expect(out.stdout == "Y\nY\nb\n")
        // The second query has answers from its second branch: no note.
        #expect(out.stderr == """
            <input>:1:17: note: no answers from branch 1 of 2: nothing matches edge(Y, a)
              ?- path(a, Y), (edge(Y, a) ; Y = a).
                              ^
            <input>:1:30: note: no answers from branch 2 of 2: path(a, Y) gives 2 bindings, but none of them passes Y = a
              ?- path(a, Y), (edge(Y, a) ; Y = a).
                                           ^

            """)
    }

    @Test func anAggregateWithNoValueIsNamed() throws {
        let out = try REPLPipe.session(["--no-seeds", "--format", "tsv"], Self.paths + """
            ?- edge(a, X), M = min Y : { path(X, Y), Y != c }.
            ?- path(a, X), N = count : { edge(X, _Y) }, N > 1.

            """)
        #expect(out.stdout == "X\tM\nX\tN\n")
        #expect(out.stderr == """
            <input>:1:16: note: no answers: edge(a, X) gives 1 binding, but M = min Y : { path(X, Y), Y != c } does not hold for it
              ?- edge(a, X), M = min Y : { path(X, Y), Y != c }.
                             ^
            <input>:1:45: note: no answers: the 2 literals before it give 2 bindings, but none of them passes N > 1
              ?- path(a, X), N = count : { edge(X, _Y) }, N > 1.
                                                          ^

            """)
    }

    @Test func planShowsBranchesAndAggregateBodies() throws {
        let out = try REPLPipe.session(Self.paths + ":plan edge(a, X), N = count : { path(X, Y) ; edge(Y, X) }\n")
        let lines = out.stdout.lines
        #expect(lines.contains { $0.hasPrefix("    2    N = count : { path(X, Y) ; edge(Y, X) }  aggregate: runs its body (below) for each binding") }, "\(out.stdout)")
        #expect(lines.contains("           branch 1 of 2: path(X, Y)"))
        #expect(lines.contains { $0.hasPrefix("    2.1    path(X, Y)") && $0.contains("index path on arg 1") })
        #expect(lines.contains("           branch 2 of 2: edge(Y, X)"))
        #expect(lines.contains { $0.hasPrefix("    2.1    edge(Y, X)") && $0.contains("index edge on arg 2") })
        #expect(out.stderr == "")
    }
}
