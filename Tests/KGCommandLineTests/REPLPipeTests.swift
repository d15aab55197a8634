import Foundation
import Testing

/// Runs the built `kg` REPL with standard input a pipe fed with a script (a person pasting,
/// or `kg < script`), as a user's shell would: stdout and stderr are captured apart.
enum REPLPipe {
    typealias Outcome = KGProcess.Outcome

    /// `kg arguments` with `script` on standard input. TERM is xterm on purpose: even when
    /// the environment claims a capable terminal, piped input and output must carry no
    /// escape codes.
    static func run(_ arguments: [String], script: String, timeout: Double = 60) throws -> Outcome {
        try KGProcess.run(arguments, stdin: script, environment: ["TERM": "xterm", "NO_COLOR": nil], timeout: timeout)
    }

    /// `kg --no-seeds --format table` on `script`, then checks what every piped run must satisfy: exit status 0 and no escape code
    /// anywhere (no colour, no cursor movement, no prompt redraws).
    /// Answers print as tables (`--format table`), the format most tests look at; without
    /// the option a pipe gets TSV (see `pipedAnswersDefaultToTSV`).
    static func session(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        try session(["--no-seeds", "--format", "table"], script, sourceLocation: sourceLocation)
    }

    /// `session` with these command-line arguments (`[]`: the seed graph).
    static func session(_ arguments: [String], _ script: String,
                        sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        let outcome = try run(arguments, script: script)
        #expect(outcome.status == 0, "exit status; stderr: \(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(!outcome.stdout.contains("\u{1B}"), "escape code in piped stdout: \(outcome.stdout.debugDescription)",
                sourceLocation: sourceLocation)
        #expect(!outcome.stderr.contains("\u{1B}"), "escape code in piped stderr: \(outcome.stderr.debugDescription)",
                sourceLocation: sourceLocation)
        return outcome
    }

    /// A fresh temporary folder (removed by the caller).
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kg-repl-files-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension String {
    /// The lines of the text (without the final empty one after a trailing newline).
    var lines: [String] {
        var parts = components(separatedBy: "\n")
        if parts.last == "" { parts.removeLast() }
        return parts
    }
}

@Suite struct REPLPipeTests {
    // MARK: Facts, rules, queries

    @Test func aFactThenAQueryPrintsAnAlignedTableWithARowCount() throws {
        let out = try REPLPipe.session("p(a, bb). p(ccc, d).\np(e, f).\n?- p(X, Y).\n")
        #expect(out.stdout == """
            X    Y
            ---  --
            a    bb
            ccc  d
            e    f
            (3 rows)

            """)
        #expect(out.stderr == "")
    }

    @Test func pipedAnswersDefaultToTSV() throws {
        // "table on a terminal": through a pipe, without --format, answers are TSV.
        let out = try REPLPipe.session(["--no-seeds"], "p(a, bb). p(ccc, d).\n?- p(X, Y).\n?- p(a, bb).\n")
        #expect(out.stdout == "X\tY\na\tbb\nccc\td\ntrue\n")
    }

    @Test func aQueryWithoutVariablesAnswersTrueOrFalse() throws {
        let out = try REPLPipe.session("p(a).\n?- p(a).\n?- p(b).\n")
        #expect(out.stdout == "true\nfalse\n")
    }

    @Test func theSeedGraphIsLoadedWithoutNoSeeds() throws {
        let out = try REPLPipe.session(["--format", "table"], "?- member_of(S, csm).\n?- member_of(ecuador, csm).\n")
        #expect(out.stdout.hasPrefix("S\n---"))
        #expect(out.stdout.lines.contains("ecuador"))
        #expect(out.stdout.lines.contains("peru"))
        #expect(out.stdout.contains(" rows)\n"))
        #expect(out.stdout.hasSuffix("\ntrue\n"))
        #expect(out.stderr == "")
    }

    @Test func aRuleAndAQueryMaySpanSeveralLines() throws {
        let script = """
            e(a, b). e(b, c).
            reach(X, Y) :-
              e(X, Y).
            reach(X, Z) :- e(X, Y),
               reach(Y, Z).
            ?- reach(a,
                 Z).

            """
        let out = try REPLPipe.session(script)
        #expect(out.stdout == "Z\n-\nb\nc\n(2 rows)\n")
        #expect(out.stderr == "")
    }

    @Test func aContinuationEndsOnlyAtTheFinalFullStop() throws {
        // The '.' inside the string and the decimal do not end the statement.
        let out = try REPLPipe.session("""
            q("a. b",
              2.5).
            ?- q(S, N).

            """)
        #expect(out.stdout == "S     N\n----  ---\na. b  2.5\n(1 row)\n")
        #expect(out.stderr == "")
    }

    @Test func anErrorShowsPlaceAndCaretAndTheSessionGoesOn() throws {
        let out = try REPLPipe.session("p(a).\nbad(X) :- p(X), not p(Y).\n?- p(X).\n:rules\n")
        // The query after the error still answers, and the bad rule was not added.
        #expect(out.stdout == "X\n-\na\n(1 row)\nno rules\n")
        let lines = out.stderr.lines
        try #require(lines.count == 3, "stderr: \(out.stderr)")
        #expect(lines[0].hasPrefix("<input>:1:"))
        #expect(lines[0].contains(": error: unsafe variable 'Y'"))
        #expect(lines[1] == "  bad(X) :- p(X), not p(Y).")
        // The caret sits under the column the location names.
        let column = try #require(Int(lines[0].split(separator: ":")[2]))
        #expect(lines[2] == String(repeating: " ", count: 2 + column - 1) + "^")
        #expect(column == 23)
    }

    @Test func aSyntaxErrorOnALaterLineOfAnInputNamesThatLine() throws {
        let out = try REPLPipe.session("p(a).\nq(X) :-\n  p(X) p(X).\n?- p(X).\n")
        #expect(out.stdout == "X\n-\na\n(1 row)\n")
        let lines = out.stderr.lines
        try #require(lines.count == 3, "stderr: \(out.stderr)")
        #expect(lines[0].hasPrefix("<input>:2:8: error: "))
        #expect(lines[1] == "    p(X) p(X).")
        #expect(lines[2] == String(repeating: " ", count: 2 + 7) + "^")
    }

    // MARK: :why

    @Test func whyOfADerivedFactShowsRulesStatedFactsAndSources() throws {
        let out = try REPLPipe.session("""
            @source doc1. parent(ann, bob).
            @source doc2. parent(bob, cid).
            anc(X, Y) :- parent(X, Y).
            anc(X, Z) :- parent(X, Y), anc(Y, Z).
            :why anc(ann, cid)

            """)
        #expect(out.stderr == "")
        let lines = out.stdout.lines
        try #require(lines.count == 6, "stdout: \(out.stdout)")
        #expect(lines[0] == "anc(ann, cid)")
        #expect(lines[1].contains("by anc(X, Z) :- parent(X, Y), anc(Y, Z)."))
        #expect(lines[2].contains("parent(ann, bob)  — stated in doc1"))
        #expect(lines[3].contains("anc(bob, cid)"))
        #expect(lines[4].contains("by anc(X, Y) :- parent(X, Y)."))
        #expect(lines[5].contains("parent(bob, cid)  — stated in doc2"))
        // The tree is drawn with branches, the nested step indented below its parent.
        #expect(lines[2].hasPrefix("├─ "))
        #expect(lines[3].hasPrefix("└─ "))
        #expect(lines[5].hasPrefix("   └─ "))
        // The rule's place is cited.
        #expect(lines[1].contains("[<input>:"))
    }

    @Test func whyFollowsDerivedPremisesOfEarlierNonRecursiveStrata() throws {
        // q is derived in a stratum of its own (no recursion), s from q in the next: the proof
        // of s must go through q down to the stated p, not stop at "no rule instance".
        let out = try REPLPipe.session("p(a). q(X) :- p(X). s(X) :- q(X). t(X) :- p(X), q(X), s(X).\n:why t(a)\n")
        #expect(out.stderr == "")
        #expect(!out.stdout.contains("does not hold"), "stdout: \(out.stdout)")
        #expect(out.stdout.contains("by t(X) :- p(X), q(X), s(X)."))
        #expect(out.stdout.contains("by s(X) :- q(X)."))
        #expect(out.stdout.contains("p(a)  — stated (no source)"))
    }

    @Test func whyGroundsAnonymousVariablesToTheFactThatHeld() throws {
        // `_` in a positive premise is shown as the stated fact it matched, with its source;
        // in a negated one it keeps meaning "any value".
        let out = try REPLPipe.session("@source doc1. p(a, b).\nq(X) :- p(X, _), not r(X, _).\nr(z, z).\n:why q(a)\n")
        #expect(out.stdout.contains("├─ p(a, b)  — stated in doc1\n"), "stdout: \(out.stdout)")
        #expect(out.stdout.contains("└─ not r(a, _)  — no such fact\n"), "stdout: \(out.stdout)")
        // An aggregate lists its solutions as its body binds them, `_` left out.
        let counted = try REPLPipe.session("e(a, b). e(a, c).\ndeg(X, count<Y>) :- e(X, Y), e(_, Y).\n:why deg(a, 2)\n")
        #expect(counted.stdout.contains("Y = b\n") && !counted.stdout.contains("$"), "stdout: \(counted.stdout)")
    }

    @Test func whyOfAStatedFactCitesItsSourcesOrSaysItHasNone() throws {
        // `@source` stays in force from input to input, as in a file, so the fact with no
        // source comes first.
        let out = try REPLPipe.session("""
            p(c, d).
            @source doc1. p(a, b).
            @source doc2. p(a, b).
            :why p(a, b)
            :why p(c, d)

            """)
        #expect(out.stdout.lines.count == 2, "stdout: \(out.stdout)")
        let first = try #require(out.stdout.lines.first)
        #expect(first.hasPrefix("p(a, b)  — stated in "))
        #expect(first.contains("doc1") && first.contains("doc2"))
        #expect(out.stdout.lines.last == "p(c, d)  — stated (no source)")
    }

    @Test func whyOfASeedFactCitesTheSourceDocument() throws {
        let out = try REPLPipe.session([], ":why presented(ecuador, v_plenary_session_4)\n")
        #expect(out.stdout.hasPrefix("presented(ecuador, v_plenary_session_4)\n"))
        #expect(out.stdout.contains("│  by presented("))
        #expect(out.stdout.contains("— stated in src_"))
        #expect(out.stderr == "")
    }

    @Test func whyOfAFactWithTwoDerivationsByOneRuleSaysOneOther() throws {
        let out = try REPLPipe.session("e(a, b). e(a, c).\nlinked(X) :- e(X, Y).\n:why linked(a)\n")
        #expect(out.stdout.contains("linked(a)\n"))
        #expect(out.stdout.contains("1 other derivation"))
        #expect(!out.stdout.contains("1 other derivations"))
        // One derivation is shown: one of the two edges, not both.
        #expect(out.stdout.contains("e(a, b)") != out.stdout.contains("e(a, c)"))
    }

    @Test func whyOfAFactWithTwoDerivationsByTwoRulesSaysOneOther() throws {
        let out = try REPLPipe.session("p(a). q(a).\nr(X) :- p(X).\nr(X) :- q(X).\n:why r(a)\n")
        #expect(out.stdout.contains("r(a)\n"))
        #expect(out.stdout.contains("1 other derivation"))
    }

    @Test func whyThroughNegationShowsTheAbsentFact() throws {
        let out = try REPLPipe.session("""
            @source roll. person(ann). person(bob).
            banned(bob).
            ok(X) :- person(X), not banned(X).
            :why ok(ann)

            """)
        #expect(out.stderr == "")
        #expect(out.stdout.hasPrefix("ok(ann)\n"))
        #expect(out.stdout.contains("by ok(X) :- person(X), not banned(X)."))
        #expect(out.stdout.contains("person(ann)  — stated in roll"))
        #expect(out.stdout.contains("not banned(ann)  — no such fact"))
    }

    @Test func whyOfAnAggregateShowsTheCountedSolutionsCapped() throws {
        let out = try REPLPipe.session("""
            e(a, b). e(a, c). e(a, d). e(a, e). e(a, f). e(a, g). e(a, h). e(z, y).
            degree(X, count<Y>) :- e(X, Y).
            :why degree(a, 7)
            :why degree(z, 1)

            """)
        #expect(out.stderr == "")
        #expect(out.stdout.contains("degree(a, 7)\n"))
        #expect(out.stdout.contains("by degree(X, count<Y>) :- e(X, Y)."))
        // Seven solutions: the first few shown, with the total.
        #expect(out.stdout.contains("7 solutions"))
        #expect(out.stdout.contains("Y = b"))
        #expect(!out.stdout.contains("Y = h"))
        #expect(out.stdout.contains("degree(z, 1)\n"))
        #expect(out.stdout.contains("over 1 solution:"))
        #expect(out.stdout.contains("Y = y"))
    }

    @Test func whyOfAFactThatDoesNotHoldSaysWhy() throws {
        let out = try REPLPipe.session("""
            parent(ann, bob).
            anc(X, Y) :- parent(X, Y).
            person(ann). banned(ann).
            ok(X) :- person(X), not banned(X).
            :why anc(ann, zed)
            :why nothing(a)
            :why parent(bob, ann)
            :why ok(ann)

            """)
        #expect(out.stderr == "")
        let text = out.stdout
        // A rule whose body atom has no match names that atom.
        #expect(text.contains("anc(ann, zed) does not hold"))
        #expect(text.contains("no match for parent(ann, zed)"))
        // No facts and no rules at all.
        #expect(text.contains("nothing(a) does not hold"))
        #expect(text.contains("nothing/1"))
        // A stated predicate without rules.
        #expect(text.contains("parent(bob, ann) does not hold"))
        #expect(text.contains("parent/2 has no rules"))
        // A negated condition that failed: the fact it needed absent exists.
        #expect(text.contains("ok(ann) does not hold"))
        #expect(text.contains("not banned(ann) fails"))
    }

    @Test func whyOfAnAggregateWithTheWrongValueGivesATrueReason() throws {
        let out = try REPLPipe.session("""
            e(a, b). e(a, c). e(a, d). e(a, e). e(a, f). e(a, g). e(a, h).
            degree(X, count<Y>) :- e(X, Y).
            :why degree(a, 3)

            """)
        #expect(out.stdout.contains("degree(a, 3) does not hold"))
        #expect(!out.stdout.contains("no instance satisfies its whole body"))
        #expect(out.stdout.contains("7"))
    }

    @Test func whyRejectsSomethingThatIsNotAGroundFact() throws {
        let out = try REPLPipe.session("p(a).\n:why p(X)\n?- p(a).\n")
        #expect(out.stderr.contains("constant arguments"))
        #expect(out.stdout == "true\n")
    }

    // MARK: Inspecting the graph

    @Test func schemaListsPredicatesWithArityCountsClassesAndDescriptions() throws {
        let out = try REPLPipe.session("""
            @pred parent(person, person) "X is a parent of Y".
            parent(ann, bob). parent(bob, cid).
            anc(X, Y) :- parent(X, Y).
            :schema
            :schema anc
            :schema zzz

            """)
        #expect(out.stdout == """
            anc/2  — 0 stated, 2 derived
            parent(person, person)/2  — 2 stated
                X is a parent of Y
            anc/2  — 0 stated, 2 derived

            """)
        #expect(out.stderr == "no predicate matches 'zzz'\n")
    }

    @Test func schemaOfTheSeedGraphDescribesDeclaredPredicates() throws {
        let out = try REPLPipe.session([], ":schema member_of\n")
        #expect(out.stdout.hasPrefix("member_of(state, body)/2  — "))
        #expect(out.stdout.contains(" stated"))
        #expect(out.stdout.lines.count == 2)
    }

    @Test func describeShowsLabelsTypeAndEdgesWithSources() throws {
        let out = try REPLPipe.session("""
            @source doc1. parent(ann, bob). type(bob, person). label(bob, "Bob").
            @source doc2. parent(bob, cid).
            anc(X, Y) :- parent(X, Y).
            :describe bob
            :describe nobody

            """)
        let text = out.stdout
        #expect(text.hasPrefix("bob\n"))
        #expect(text.contains("labels: \"Bob\""))
        #expect(text.contains("type: person"))
        #expect(text.contains("-> parent cid  [doc2]"))
        #expect(text.contains("<- parent ann  [doc1]"))
        #expect(text.contains("-> anc cid  [derived]"))
        #expect(text.contains("<- anc ann  [derived]"))
        #expect(out.stderr.contains("nothing is known about nobody"))
    }

    @Test func findIgnoresCaseAndAccents() throws {
        let out = try REPLPipe.session("""
            label(country_7, "Perú"). label(country_8, "Chile").
            :find peru
            :find PERÚ
            :find xyz

            """)
        #expect(out.stdout == "country_7  — Perú\ncountry_7  — Perú\nno entity matches 'xyz'\n")
    }

    @Test func findPeruInTheSeedGraphFindsTheEntityLabelledPerú() throws {
        let out = try REPLPipe.session([], ":find peru\n")
        let hit = try #require(out.stdout.lines.first { $0.hasPrefix("peru  — ") }, "stdout: \(out.stdout)")
        #expect(hit.contains("Perú"))
    }

    @Test func rulesListsTheRulesWithTheirPlace() throws {
        let out = try REPLPipe.session("""
            e(a, b).
            reach(X, Y) :- e(X, Y).
            reach(X, Z) :-
              e(X, Y), reach(Y, Z).
            other(X) :- e(X, _).
            :rules
            :rules reach
            :rules nothing

            """)
        let lines = out.stdout.lines
        #expect(lines.count == 4 + 3 + 1, "stdout: \(out.stdout)")
        #expect(lines.first == "reach(X, Y) :- e(X, Y).   % <input>:1:1")
        #expect(out.stdout.contains("reach(X, Z) :-\n  e(X, Y), reach(Y, Z).   % <input>:1:1\n"))
        #expect(out.stdout.contains("other(X) :- e(X, _)."))
        #expect(lines.filter { $0.hasPrefix("other(") }.count == 1)
        #expect(lines.last == "no rules define nothing")
    }

    // MARK: Changing the graph

    @Test func loadReadsAFileAndAnswersItsQueries() throws {
        let folder = try REPLPipe.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("extra.dl")
        try """
            @source doc9.
            likes(ann, tea).
            fan(X) :- likes(X, tea).
            ?- fan(X).

            """.write(to: file, atomically: true, encoding: .utf8)
        let out = try REPLPipe.session(":load \(file.path)\n:why fan(ann)\n:load \(folder.path)/missing.dl\n?- likes(ann, Y).\n")
        #expect(out.stdout.hasPrefix("loaded \(file.path): 1 facts, 1 rules\nX\n---\nann\n(1 row)\n"))
        #expect(out.stdout.contains("[\(file.path):3:1]"))
        #expect(out.stdout.contains("likes(ann, tea)  — stated in doc9"))
        // A file that is missing is an error; the session goes on.
        #expect(out.stderr.contains("missing.dl"))
        #expect(out.stdout.hasSuffix("Y\n---\ntea\n(1 row)\n"))
    }

    @Test func retractRemovesAStatedFact() throws {
        let out = try REPLPipe.session("""
            p(a, b). p(a, c).
            q(X) :- p(X, c).
            ?- p(a, X).
            :retract p(a, b).
            ?- p(a, X).
            ?- p(a, b).
            :retract p(a, c)
            ?- q(a).
            :retract p(a, b).
            :retract q(a).

            """)
        #expect(out.stdout == """
            X
            -
            b
            c
            (2 rows)
            retracted
            X
            -
            c
            (1 row)
            false
            retracted
            false
            no such stated fact
            no such stated fact

            """)
        // Once retracted, b (then a) occurs in no fact, which asking for it is warned about.
        #expect(out.stderr == "<input>:1:9: warning: unknown entity 'b': it occurs in no fact of the graph\n  ?- p(a, b).\n          ^\n"
                 + "<input>:1:6: warning: unknown entity 'a': it occurs in no fact of the graph\n  ?- q(a).\n       ^\n")
    }

    @Test func saveWritesFactsAndRulesThatAFreshKgAnswersIdentically() throws {
        let folder = try REPLPipe.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let saved = folder.appendingPathComponent("saved.dl").path
        let queries = """
            ?- anc(ann, X).
            ?- parent(X, Y).
            ?- knows(ann, S).
            ?- older(X).

            """
        let first = try REPLPipe.session("""
            @pred parent(any, any) "X is a parent of Y".
            @source doc1. parent(ann, bob). parent(bob, cid).
            parent(ann, bea).
            anc(X, Y) :- parent(X, Y).
            anc(X, Z) :- parent(X, Y),
              anc(Y, Z).
            knows(ann, "Perú").
            age(ann, 70). age(bob, 40).
            older(X) :- age(X, A), A > 50.
            :retract parent(ann, bea).
            :save \(saved)

            """ + queries)
        #expect(first.stdout.hasPrefix("retracted\nsaved "))
        #expect(FileManager.default.fileExists(atPath: saved))
        let answers = first.stdout.components(separatedBy: "\(saved)\n").last ?? ""
        #expect(answers.contains("cid"))
        #expect(!answers.contains("bea"))

        let second = try REPLPipe.session(["--no-seeds", "--format", "table", "--data", saved], queries)
        #expect(second.stderr == "")
        #expect(second.stdout == answers)
        // The declaration survives too.
        let schema = try REPLPipe.session(["--no-seeds", "--data", saved], ":schema parent\n")
        #expect(schema.stdout.contains("X is a parent of Y"))
    }

    @Test func atSourceStaysInForceForLaterInputs() throws {
        let out = try REPLPipe.session("@source doc1.\np(a, b).\n:why p(a, b)\n")
        #expect(out.stdout == "p(a, b)  — stated in doc1\n")
    }

    @Test func saveKeepsEachFactsSources() throws {
        let folder = try REPLPipe.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let saved = folder.appendingPathComponent("saved.dl").path
        let first = try REPLPipe.session("p(c, d).\n@source doc1. p(a, b).\n:why p(c, d)\n:why p(a, b)\n:save \(saved)\n")
        #expect(first.stdout.hasPrefix("p(c, d)  — stated (no source)\np(a, b)  — stated in doc1\n"))
        let second = try REPLPipe.session(["--no-seeds", "--data", saved], ":why p(c, d)\n:why p(a, b)\n")
        #expect(second.stdout == "p(c, d)  — stated (no source)\np(a, b)  — stated in doc1\n")
    }

    @Test func saveToAnUnwritablePlaceIsAnErrorAndTheSessionGoesOn() throws {
        let out = try REPLPipe.session("p(a).\n:save /nonexistent-folder-kg/x.dl\n?- p(X).\n")
        #expect(out.stderr.contains("cannot save"))
        #expect(out.stdout == "X\n-\na\n(1 row)\n")
    }

    // MARK: Settings

    @Test func formatSwitchesBetweenTableCsvTsvAndJson() throws {
        let out = try REPLPipe.session("""
            p(a, bb). p(ccc, 3).
            :format csv
            ?- p(X, Y).
            :format tsv
            ?- p(X, Y).
            :format json
            ?- p(X, Y).
            :format table
            ?- p(X, 3).
            :format xml
            ?- p(a, bb).

            """)
        let parts = out.stdout.components(separatedBy: "[{")
        try #require(parts.count == 2, "stdout: \(out.stdout)")
        #expect(parts[0] == "X,Y\na,bb\nccc,3\nX\tY\na\tbb\nccc\t3\n")
        let jsonLine = "[{" + (parts[1].lines.first ?? "")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(jsonLine.utf8)) as? [[String: Any]])
        #expect(json.count == 1)
        #expect(json.first?["query"] as? String == "p(X, Y)")
        #expect(json.first?["columns"] as? [String] == ["X", "Y"])
        let rows = try #require(json.first?["rows"] as? [[Any]])
        #expect(rows.count == 2)
        #expect(rows.first?.first as? String == "a")
        #expect(rows.last?.last as? Int == 3)
        #expect(Array(parts[1].lines.dropFirst()) == ["X", "---", "ccc", "(1 row)", "true"])
        // An unknown format is refused with the usage, and the format stays as it was.
        #expect(out.stderr == "usage: :format table|csv|tsv|json\n")
    }

    @Test func formatOptionSetsTheInitialFormat() throws {
        let out = try REPLPipe.session(["--no-seeds", "--format", "csv"], "p(a).\n?- p(X).\n")
        #expect(out.stdout == "X\na\n")
    }

    @Test func labelsOnShowsEntitiesWithTheirLabel() throws {
        let out = try REPLPipe.session("""
            label(country_7, "Perú"). member(country_7, csm). member(country_9, csm).
            :labels on
            ?- member(X, csm).
            :labels off
            ?- member(X, csm).
            :labels maybe

            """)
        let tables = out.stdout.components(separatedBy: "(2 rows)\n")
        try #require(tables.count == 3, "stdout: \(out.stdout)")
        #expect(tables[0].contains("country_7 (Perú)"))
        #expect(tables[0].lines.contains { $0.hasPrefix("country_9") })
        #expect(!tables[1].contains("Perú"))
        #expect(tables[1].lines.contains("country_7"))
        #expect(out.stderr == "usage: :labels on|off\n")
    }

    @Test func timingOnPrintsATimeLineAfterEachAnswer() throws {
        let out = try REPLPipe.session("p(a).\n:timing on\n?- p(X).\n?- p(a).\n:timing off\n?- p(a).\n")
        let lines = out.stdout.lines
        let timeLines = lines.filter { $0.hasPrefix("time: ") }
        #expect(timeLines.count == 2, "stdout: \(out.stdout)")
        for line in timeLines {
            #expect(line.range(of: #"^time: [0-9]+\.[0-9]+ ms"#, options: .regularExpression) != nil, "\(line)")
        }
        #expect(lines.first == "X")
        #expect(lines.last == "true")
        #expect(lines[lines.count - 2].hasPrefix("time: "))
    }

    @Test func statsReportsSizes() throws {
        let out = try REPLPipe.session("p(a, b). p(b, c). q(a).\nr(X) :- q(X).\n:stats\n")
        #expect(out.stdout.contains("stated facts: 3 (2 triples) in 2 predicates"))
        #expect(out.stdout.contains("rules: 1"))
        #expect(out.stdout.contains("last evaluation: 1 facts derived"))
    }

    // MARK: Commands themselves

    @Test func helpListsEveryCommandAndExplainsOne() throws {
        let out = try REPLPipe.session(":help\n:help why\n")
        for command in ["help", "schema", "describe", "find", "why", "rules", "load", "retract", "save", "format",
                        "labels", "timing", "stats", "quit"] {
            #expect(out.stdout.contains("  :\(command)"), "no :\(command) in :help")
        }
        #expect(out.stdout.hasSuffix(":why FACT\n  why a fact holds: the rules and facts behind it, with their sources\n"))
    }

    @Test func anUnknownCommandSuggestsTheNearestOne() throws {
        let out = try REPLPipe.session(":sch\n:bogus\np(a).\n?- p(a).\n")
        #expect(out.stderr.contains("unknown command :sch; did you mean :schema?"))
        #expect(out.stderr.contains("unknown command :bogus"))
        #expect(out.stdout == "true\n")
    }

    @Test func aMisspeltCommandSuggestsTheNearestOne() throws {
        let out = try REPLPipe.session(":shema\n:retrcat p(a)\n")
        #expect(out.stderr.contains("did you mean :schema?"))
        #expect(out.stderr.contains("did you mean :retract?"))
    }

    @Test func quitEndsTheSessionAndLaterLinesAreNotRun() throws {
        let out = try REPLPipe.session("p(a).\n?- p(X).\n:quit\n?- p(a).\n")
        #expect(out.stdout == "X\n-\na\n(1 row)\n")
        #expect(out.stderr == "")
    }

    @Test func endOfInputEndsTheSessionWithStatusZero() throws {
        let out = try REPLPipe.session("p(a).\n?- p(a).")
        #expect(out.stdout == "true\n")
    }

    @Test func pipedOutputNeverCarriesEscapeCodes() throws {
        // Tables, errors, warnings, :why trees, labels and timing: nothing is coloured.
        let out = try REPLPipe.session([], """
            ?- member_of(S, csm).
            bad(X) :- not member_of(X, Y), member_of(X, csm).
            ?- membr_of(X, Y).
            :why presented(ecuador, v_plenary_session_4)
            :labels on
            :timing on
            ?- member_of(peru, B).
            :describe peru
            :sch

            """)
        #expect(out.stderr.contains(": error: "))
        #expect(out.stderr.contains(": warning: "))
        #expect(!out.stdout.contains("kg> "))
    }
}
