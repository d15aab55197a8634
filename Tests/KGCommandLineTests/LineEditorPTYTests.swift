import Foundation
import Glibc
import Testing
@testable import KGCommandLine

/// Drives `LineEditor` through a real pseudo-terminal, key bytes in, screen bytes out.
@Suite struct LineEditorPTYTests {
    private static let left = "\u{1B}[D", up = "\u{1B}[A", down = "\u{1B}[B"

    private func makeEditor(_ terminal: PseudoTerminal, history: String? = nil) -> LineEditor {
        LineEditor(historyPath: history, maxHistory: 100, input: terminal.slave, output: terminal.slave, term: "xterm")
    }

    /// Starts `readLine`, waits for raw mode, types `keys`, and returns the result.
    private func readLine(_ editor: LineEditor, on terminal: PseudoTerminal, keys: String,
                          prompt: String = "kg> ",
                          sourceLocation: SourceLocation = #_sourceLocation) -> LineEditorResult? {
        let run = EditorRun(editor, prompt: prompt)
        #expect(terminal.waitForRawMode(), "raw mode never enabled", sourceLocation: sourceLocation)
        terminal.send(keys)
        return run.finish(on: terminal, sourceLocation: sourceLocation)
    }

    @Test func editsWithArrowKeys() throws {
        let terminal = try #require(PseudoTerminal())
        let editor = makeEditor(terminal)
        #expect(editor.isInteractive)
        let result = readLine(editor, on: terminal, keys: "abc" + Self.left + Self.left + "X\r")
        #expect(result == .line("aXbc"))
        #expect(terminal.screen.contains("kg> "))
        #expect(terminal.screen.contains("kg> aXbc"))
    }

    @Test func terminalSettingsAreRestored() throws {
        let terminal = try #require(PseudoTerminal())
        var before = termios()
        tcgetattr(terminal.slave, &before)
        let editor = makeEditor(terminal)
        #expect(readLine(editor, on: terminal, keys: "x\r") == .line("x"))
        var after = termios()
        tcgetattr(terminal.slave, &after)
        #expect(after.c_lflag == before.c_lflag)
        #expect(after.c_iflag == before.c_iflag)
        #expect(after.c_oflag == before.c_oflag)
        #expect(after.c_lflag & tcflag_t(ECHO | ICANON | ISIG) == tcflag_t(ECHO | ICANON | ISIG))
    }

    @Test func upRecallsHistoryAndDownReturnsToTheDraft() throws {
        let terminal = try #require(PseudoTerminal())
        let editor = makeEditor(terminal)
        editor.addHistory("?- uno(X).")
        editor.addHistory("?- dos(X).")
        #expect(readLine(editor, on: terminal, keys: Self.up + "\r") == .line("?- dos(X)."))
        #expect(readLine(editor, on: terminal, keys: "draft" + Self.up + Self.up + Self.down + Self.down + "!\r") == .line("draft!"))
        #expect(readLine(editor, on: terminal, keys: "\u{10}\u{10}\r") == .line("?- uno(X)."))
    }

    @Test func historyIsPersistedAcrossEditors() throws {
        let path = "/tmp/kg-pty-history-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(path) }
        let terminal = try #require(PseudoTerminal())
        let first = makeEditor(terminal, history: path)
        first.addHistory("regla(X) :-\n  hecho(X).")
        let second = makeEditor(terminal, history: path)
        #expect(readLine(second, on: terminal, keys: Self.up + "\r") == .line("regla(X) :-\n  hecho(X)."))
        // The newline is drawn in caret notation, never as a raw line break.
        #expect(terminal.screen.contains("regla(X) :-^J  hecho(X)."))
    }

    @Test func tabCompletesAndListsCandidates() throws {
        let terminal = try #require(PseudoTerminal())
        let editor = makeEditor(terminal)
        editor.completer = { line, cursor in
            let characters = Array(line)
            var start = cursor
            while start > 0, characters[start - 1].isLetter { start -= 1 }
            let word = String(characters[start..<cursor])
            return (start, ["migración", "migrante", "méxico"].filter { $0.hasPrefix(word) }.map { CompletionCandidate($0) })
        }
        #expect(readLine(editor, on: terminal, keys: "?- mé\t\r") == .line("?- méxico"))

        let run = EditorRun(editor, prompt: "kg> ")
        #expect(terminal.waitForRawMode())
        terminal.send("?- mi\t\t")
        #expect(terminal.waitFor { $0.contains("migrante") })
        #expect(terminal.screen.contains("migración  migrante"))
        // After the listing the prompt and the line are drawn again.
        #expect(terminal.waitFor { $0.hasSuffix("kg> ?- migra\u{1B}[0K\r\u{1B}[12C") })
        terminal.send("c\t\r")
        #expect(run.finish(on: terminal) == .line("?- migración"))
    }

    @Test func ctrlCInterruptsAndCtrlDEnds() throws {
        let terminal = try #require(PseudoTerminal())
        let editor = makeEditor(terminal)
        #expect(readLine(editor, on: terminal, keys: "half typed\u{3}") == .interrupted)
        #expect(terminal.screen.contains("^C"))
        #expect(readLine(editor, on: terminal, keys: "\u{4}") == .endOfFile)
        // Ctrl-D on a non-empty line deletes under the cursor instead.
        #expect(readLine(editor, on: terminal, keys: "ab\u{1}\u{4}\r") == .line("b"))
    }

    @Test func reverseSearchAcceptsMatch() throws {
        let terminal = try #require(PseudoTerminal())
        let editor = makeEditor(terminal)
        editor.addHistory("país(\"México\", X)")
        editor.addHistory("ruta(A, B)")
        let run = EditorRun(editor, prompt: "kg> ")
        #expect(terminal.waitForRawMode())
        terminal.send("\u{12}Méx")
        #expect(terminal.waitFor { $0.contains("(reverse-i-search)'Méx': país(\"México\", X)") })
        terminal.send("\r")
        #expect(run.finish(on: terminal) == .line("país(\"México\", X)"))
    }

    @Test func typedAheadLinesAreKeptForTheNextCall() throws {
        let terminal = try #require(PseudoTerminal())
        let editor = makeEditor(terminal)
        #expect(readLine(editor, on: terminal, keys: "uno\rdos\r") == .line("uno"))
        let run = EditorRun(editor, prompt: "kg> ")
        #expect(run.finish(on: terminal) == .line("dos"))
    }

    @Test func longLinesScrollWithinTheWidth() throws {
        let terminal = try #require(PseudoTerminal(columns: 20))
        let editor = makeEditor(terminal)
        let text = "ñandú-" + String(repeating: "abcdefghij", count: 4)
        #expect(readLine(editor, on: terminal, keys: text + "\r") == .line(text))
        // Every redraw fits in 19 columns: "kg> " plus at most 15 characters.
        #expect(terminal.screen.contains("kg> " + String(text.suffix(15)) + "\u{1B}[0K"))
        #expect(!terminal.screen.contains("kg> " + String(text.suffix(16))))
    }

    @Test func hangupEndsTheLine() throws {
        let terminal = try #require(PseudoTerminal())
        let editor = makeEditor(terminal)
        let run = EditorRun(editor, prompt: "kg> ")
        #expect(terminal.waitForRawMode())
        #expect(terminal.waitFor { $0.contains("kg> ") })
        terminal.hangUp()
        let deadline = Date().addingTimeInterval(5)
        var result: LineEditorResult?
        while Date() < deadline, result == nil {
            result = run.peek()
            usleep(10_000)
        }
        #expect(result == .endOfFile)
    }
}
