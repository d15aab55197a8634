import Testing
@testable import KGCommandLine

@Suite struct EditSessionTests {
    private func session(history: [String] = []) -> EditSession {
        var session = EditSession(history: History(entries: history))
        session.begin()
        return session
    }

    private func type(_ text: String, into session: inout EditSession) {
        for character in text { _ = session.handle(.character(character)) }
    }

    @Test func editingKeysAndEnter() {
        var editor = session()
        type("abc", into: &editor)
        _ = editor.handle(.left)
        _ = editor.handle(.left)
        _ = editor.handle(.character("X"))
        #expect(editor.handle(.enter) == .finish(.line("aXbc")))
    }

    @Test func controlKeysMoveAndKill() {
        var editor = session()
        type("hola mundo", into: &editor)
        _ = editor.handle(.control("a"))
        #expect(editor.buffer.cursor == 0)
        _ = editor.handle(.control("f"))
        _ = editor.handle(.control("k"))
        #expect(editor.buffer.text == "h")
        _ = editor.handle(.control("e"))
        type("ola mundo", into: &editor)
        _ = editor.handle(.control("w"))
        #expect(editor.buffer.text == "hola ")
        _ = editor.handle(.control("u"))
        #expect(editor.buffer.text == "")
        type("ab", into: &editor)
        _ = editor.handle(.control("t"))
        #expect(editor.buffer.text == "ba")
        _ = editor.handle(.meta("b"))
        #expect(editor.buffer.cursor == 0)
        _ = editor.handle(.wordRight)
        #expect(editor.buffer.cursor == 2)
        #expect(editor.handle(.control("l")) == .clearScreen)
    }

    @Test func ctrlDDeletesOrEndsAndCtrlCInterrupts() {
        var editor = session()
        type("ab", into: &editor)
        #expect(editor.handle(.control("d")) == .bell)  // at end of line: nothing under the cursor
        _ = editor.handle(.home)
        #expect(editor.handle(.control("d")) == .refresh)
        #expect(editor.buffer.text == "b")
        #expect(editor.handle(.delete) == .refresh)
        #expect(editor.handle(.control("d")) == .finish(.endOfFile))
        editor.begin()
        type("x", into: &editor)
        #expect(editor.handle(.control("c")) == .finish(.interrupted))
    }

    @Test func historyKeepsTheDraftLine() {
        var editor = session(history: ["uno", "dos"])
        type("borrador", into: &editor)
        _ = editor.handle(.up)
        #expect(editor.buffer.text == "dos")
        _ = editor.handle(.control("p"))
        #expect(editor.buffer.text == "uno")
        #expect(editor.handle(.up) == .bell)
        _ = editor.handle(.down)
        _ = editor.handle(.control("n"))
        #expect(editor.buffer.text == "borrador")
        #expect(editor.buffer.cursor == 8)
    }

    @Test func reverseSearchNarrowsRepeatsAndAccepts() {
        var editor = session(history: ["país(X)", "ruta(A, B)", "país(\"Perú\")"])
        type("draft", into: &editor)
        _ = editor.handle(.control("r"))
        type("pa", into: &editor)
        #expect(editor.display(prompt: "kg> ").prompt == "(reverse-i-search)'pa': ")
        #expect(editor.display(prompt: "kg> ").line.text == "país(\"Perú\")")
        _ = editor.handle(.control("r"))
        #expect(editor.display(prompt: "kg> ").line.text == "país(X)")
        #expect(editor.handle(.control("r")) == .bell)
        #expect(editor.handle(.enter) == .finish(.line("país(X)")))
    }

    @Test func reverseSearchCancelRestoresAndOtherKeysApply() {
        var editor = session(history: ["ruta(A, B)", "otro"])
        type("draft", into: &editor)
        _ = editor.handle(.control("r"))
        type("ta", into: &editor)
        #expect(editor.display(prompt: "").line.text == "ruta(A, B)")
        _ = editor.handle(.control("g"))
        #expect(editor.search == nil)
        #expect(editor.buffer.text == "draft")

        _ = editor.handle(.control("r"))
        type("tax", into: &editor)
        #expect(editor.display(prompt: "").prompt == "(failed reverse-i-search)'tax': ")
        _ = editor.handle(.backspace)
        #expect(editor.display(prompt: "").prompt == "(reverse-i-search)'ta': ")
        // Right arrow accepts with the cursor at the match, then moves.
        _ = editor.handle(.right)
        #expect(editor.search == nil)
        #expect(editor.buffer.text == "ruta(A, B)")
        #expect(editor.buffer.cursor == 3)

        // Esc cancels too; Ctrl-R on an empty query reuses the last one.
        editor.begin()
        _ = editor.handle(.control("r"))
        _ = editor.handle(.escape)
        #expect(editor.buffer.text == "")
        _ = editor.handle(.control("r"))
        _ = editor.handle(.control("r"))
        #expect(editor.display(prompt: "").line.text == "ruta(A, B)")
    }

    @Test func tabCompletesSingleCandidateAndCommonPrefix() {
        let completer: EditSession.Completer = { line, cursor in
            let characters = Array(line)
            var start = cursor
            while start > 0, characters[start - 1].isLetter { start -= 1 }
            let word = String(characters[start..<cursor])
            let all = ["migración", "migrante", "méxico"]
            return (start, all.filter { $0.hasPrefix(word) }.map { CompletionCandidate($0) })
        }
        var editor = session()
        type("?- mé", into: &editor)
        #expect(editor.handle(.tab, completer: completer) == .refresh)
        #expect(editor.buffer.text == "?- méxico")

        editor.begin()
        type("?- mi", into: &editor)
        #expect(editor.handle(.tab, completer: completer) == .refresh)
        #expect(editor.buffer.text == "?- migra")
        #expect(editor.handle(.tab, completer: completer) == .listCandidates(["migración", "migrante"]))
        #expect(editor.buffer.text == "?- migra")

        // A Tab after another key starts over: nothing new to insert, so it just rings.
        editor.begin()
        type("?- migra", into: &editor)
        #expect(editor.handle(.tab, completer: completer) == .bell)
        #expect(editor.handle(.tab, completer: completer) == .listCandidates(["migración", "migrante"]))

        editor.begin()
        type("zz", into: &editor)
        #expect(editor.handle(.tab, completer: completer) == .bell)
        #expect(editor.handle(.tab, completer: nil) == .bell)
    }

    @Test func candidatesInsertTheirTextAndAreListedByTheirDisplay() {
        let completer: EditSession.Completer = { _, _ in
            (start: 3, candidates: [CompletionCandidate("member_of(", display: "member_of/2"),
                                    CompletionCandidate("member_count(", display: "member_count/2"),
                                    CompletionCandidate("member_of(", display: "member_of/2")])
        }
        var editor = session()
        type("?- m", into: &editor)
        #expect(editor.handle(.tab, completer: completer) == .refresh)
        #expect(editor.buffer.text == "?- member_")
        #expect(editor.handle(.tab, completer: completer) == .listCandidates(["member_of/2", "member_count/2"]))
    }

    @Test func completerStartIsClamped() {
        var editor = session()
        type("ab", into: &editor)
        _ = editor.handle(.tab) { _, _ in (start: 99, candidates: ["X"]) }
        #expect(editor.buffer.text == "abX")
        _ = editor.handle(.tab) { _, _ in (start: -4, candidates: ["Y"]) }
        #expect(editor.buffer.text == "Y")
    }
}
