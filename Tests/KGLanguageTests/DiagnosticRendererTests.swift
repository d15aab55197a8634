import Testing
@testable import KGLanguage

/// A diagnostic over `file` covering the first occurrence of `needle` on line `line`.
private func diagnostic(_ message: String, severity: Diagnostic.Severity = .error, in file: SourceFile,
                        line: Int, at needle: String, notes: [Diagnostic.Note] = []) -> Diagnostic {
    Diagnostic(severity, message, at: range(of: needle, in: file, line: line), notes: notes)
}

/// The byte range of the first `needle` on 1-based `line` of `file`.
private func range(of needle: String, in file: SourceFile, line: Int) -> SourceRange {
    var lineStart = 0, current = 1
    while current < line {
        if file.bytes[lineStart] == UInt8(ascii: "\n") { current += 1 }
        lineStart += 1
    }
    let bytes = Array(needle.utf8)
    var i = lineStart
    while Array(file.bytes[i..<min(file.bytes.count, i + bytes.count)]) != bytes { i += 1 }
    return SourceRange(file: file, start: i, end: i + bytes.count)
}

@Suite struct DiagnosticRendererTests {
    @Test func rendersFileLineColumnSourceLineAndCaret() {
        let file = SourceFile(name: "queries/broken.dl", text: "person(ana).\n\nok(X) :- person(X), not banned(X, Y).\n")
        let d = diagnostic("unsafe variable 'Y': it appears only in a negated atom", in: file, line: 3, at: "Y)")
        #expect(d.description == """
            queries/broken.dl:3:35: error: unsafe variable 'Y': it appears only in a negated atom
              ok(X) :- person(X), not banned(X, Y).
                                                ^
            """)
    }

    @Test func warningsAndNotes() {
        let file = SourceFile(name: "a.dl", text: "member_of(a, b).\nmember_of(a, b, c).")
        let note = Diagnostic.Note("member_of/2 is first used here", at: range(of: "member_of", in: file, line: 1))
        let d = diagnostic("arity mismatch", in: file, line: 2, at: "member_of", notes: [note])
        #expect(DiagnosticRenderer.render(d) == """
            a.dl:2:1: error: arity mismatch
              member_of(a, b, c).
              ^
            a.dl:1:1: note: member_of/2 is first used here
              member_of(a, b).
              ^
            """)
        let w = diagnostic("unknown predicate", severity: .warning, in: file, line: 2, at: "b, c")
        #expect(w.description == "a.dl:2:14: warning: unknown predicate\n  member_of(a, b, c).\n               ^")
    }

    @Test func diagnosticWithoutRangeIsOneLine() {
        #expect(Diagnostic.error("evaluation cancelled", at: nil).description == "error: evaluation cancelled")
        let d = Diagnostic.error("x", at: nil, notes: [.init("see here", at: nil)])
        #expect(d.description == "error: x\nnote: see here")
    }

    @Test func caretCountsCharactersNotBytesAfterAccents() {
        let file = SourceFile(name: "t.dl", text: #"name(perú, "Perú"), ñandú(X, Y)."#)
        let d = diagnostic("here", in: file, line: 1, at: "Y")
        #expect(d.description == """
            t.dl:1:30: error: here
              name(perú, "Perú"), ñandú(X, Y).
                                           ^
            """)
        // Combining marks: "e\u{301}" is one character.
        let decomposed = SourceFile(name: "t.dl", text: "p(\"e\u{301}\", X).")
        let d2 = diagnostic("x", in: decomposed, line: 1, at: "X")
        #expect(d2.description == "t.dl:1:8: error: x\n  p(\"e\u{301}\", X).\n         ^")
    }

    @Test
    func caretAccountsForWideCharacters() {
        let file = SourceFile(name: "t.dl", text: #"name(tokyo, "東京"), X."#)
        let d = diagnostic("here", in: file, line: 1, at: "X")
        #expect(d.description == "t.dl:1:20: error: here\n  name(tokyo, \"東京\"), X.\n                       ^")
    }

    @Test func caretKeepsTabsSoItLinesUp() {
        let file = SourceFile(name: "t.dl", text: "p(a).\n\tq(X) :-\t\tr(Y).")
        let d = diagnostic("bad", in: file, line: 2, at: "Y")
        #expect(d.description == "t.dl:2:13: error: bad\n  \tq(X) :-\t\tr(Y).\n  \t       \t\t  ^")
    }

    @Test func crlfIsNotPartOfTheShownLine() {
        let file = SourceFile(name: "t.dl", text: "p(a).\r\nq(X).\r\n")
        let d = diagnostic("bad", in: file, line: 2, at: "X")
        #expect(d.description == "t.dl:2:3: error: bad\n  q(X).\n    ^")
    }

    @Test
    func controlCharactersInTheLineAreShownNotRun() {
        let file = SourceFile(name: "t.dl", bytes: Array("p(\u{1B}[31m, X).".utf8))
        let d = diagnostic("bad", in: file, line: 1, at: "X")
        #expect(d.description == "t.dl:1:10: error: bad\n  p(^[[31m, X).\n            ^")
    }

    @Test func errorAtEndOfFileOnLastLine() {
        let file = SourceFile(name: "t.dl", text: "p(X) :- q(X)")
        let d = Diagnostic.error("expected '.'", at: SourceRange(file: file, start: 12, end: 12))
        #expect(d.description == "t.dl:1:13: error: expected '.'\n  p(X) :- q(X)\n              ^")
    }

    @Test func lineAndColumnOfOffsets() {
        let file = SourceFile(name: "t.dl", text: "ab\ncdé\n\nf")
        #expect(file.lineAndColumn(of: 0) == (1, 1))
        #expect(file.lineAndColumn(of: 2) == (1, 3))
        #expect(file.lineAndColumn(of: 3) == (2, 1))
        #expect(file.lineAndColumn(of: 7) == (2, 4))   // after the two bytes of é
        #expect(file.lineAndColumn(of: 8) == (3, 1))
        #expect(file.lineAndColumn(of: 9) == (4, 1))
        #expect(file.lineText(2) == "cdé")
        #expect(file.lineText(3) == "")
        #expect(file.lineText(9) == "")
    }
}
