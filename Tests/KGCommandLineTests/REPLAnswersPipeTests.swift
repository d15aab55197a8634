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
}
