import Foundation
import Glibc
import Testing

/// The real `kg` REPL on a pseudo-terminal: the pty's slave is the child's controlling
/// terminal and its stdin, stdout and stderr; the test types on the master and reads the
/// screen from it. Every wait is bounded (10 s), and a child still running at the end is
/// killed, so a broken REPL fails a test instead of hanging the run.
final class KGTerminal {
    let terminal: PseudoTerminal
    let pid: pid_t
    private var exitStatus: Int32?
    static let timeout = 10.0

    /// Starts `kg arguments` with HOME=`home`, TERM=xterm, and NO_COLOR set or not; standard
    /// error is the terminal too, or the file `standardError` (as with `kg 2>errors.log`).
    init(_ arguments: [String], home: URL, noColor: Bool = false, standardError: String? = nil,
         columns: UInt16 = 100) throws {
        guard let terminal = PseudoTerminal(columns: columns) else { throw Failure("openpty failed") }
        self.terminal = terminal
        // Keep the pty out of children spawned meanwhile by other tests.
        _ = fcntl(terminal.master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(terminal.slave, F_SETFD, FD_CLOEXEC)
        var nameBuffer = [CChar](repeating: 0, count: 256)
        guard ttyname_r(terminal.slave, &nameBuffer, nameBuffer.count) == 0 else { throw Failure("ttyname_r failed") }
        let slavePath = String(decoding: nameBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let kg = try KGProcess.binary().path

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session (POSIX_SPAWN_SETSID) whose first terminal opened becomes its
        // controlling terminal: Ctrl-C typed in cooked mode then raises SIGINT in kg. The
        // signal mask is emptied and SIGINT set to its default, whatever the runner had.
        let setSession: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc, _GNU_SOURCE)
        posix_spawnattr_setflags(&attributes, Int16(setSession | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        if let standardError {
            posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 0, 2)
        }

        var environment = ["TERM=xterm", "HOME=\(home.path)", "LANG=C.UTF-8"]
        if let path = ProcessInfo.processInfo.environment["PATH"] { environment.append("PATH=\(path)") }
        if noColor { environment.append("NO_COLOR=1") }
        let argv: [UnsafeMutablePointer<CChar>?] = ([kg] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, kg, &actions, &attributes, argv, envp)
        guard status == 0 else { throw Failure("posix_spawn failed: \(String(cString: strerror(status)))") }
        pid = child
    }

    deinit { stop() }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    // MARK: Typing and reading

    static let enter = "\r", left = "\u{1B}[D", right = "\u{1B}[C", up = "\u{1B}[A", down = "\u{1B}[B"
    static let home = "\u{1B}[H", end = "\u{1B}[F", tab = "\t"
    static func control(_ letter: Character) -> String {
        String(UnicodeScalar(UInt8(letter.asciiValue! & 0x1F)))
    }

    func type(_ keys: String) { terminal.send(keys) }

    /// Everything on the screen so far, escape codes included.
    var screen: String { terminal.screen }

    /// A position in the screen text, to look only at what comes after it.
    var mark: Int { terminal.screen.unicodeScalars.count }

    /// The screen since `mark`, escape codes included.
    func raw(since mark: Int) -> String {
        String(terminal.screen.unicodeScalars.dropFirst(mark))
    }

    /// The screen since `mark` as text: escape sequences removed, line ends as "\n", and the
    /// carriage returns of redraws dropped.
    func text(since mark: Int = 0) -> String { Self.plain(raw(since: mark)) }

    static func plain(_ screen: String) -> String {
        screen.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
            .replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "")
    }

    /// Waits until `condition` holds of the screen text since `mark`; records an issue
    /// with the screen if `seconds` pass first.
    @discardableResult
    func waitFor(_ what: String, since mark: Int = 0, seconds: Double = KGTerminal.timeout,
                 sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool) -> Bool {
        if terminal.waitFor(seconds: seconds, { _ in condition(self.text(since: mark)) }) { return true }
        Issue.record("waited \(seconds) s for \(what); screen since mark: \(raw(since: mark).debugDescription)",
                     sourceLocation: sourceLocation)
        return false
    }

    /// Waits until `text` appears on the screen after `mark`.
    @discardableResult
    func waitFor(text expected: String, since mark: Int = 0, seconds: Double = KGTerminal.timeout,
                 sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        waitFor(expected.debugDescription, since: mark, seconds: seconds, sourceLocation: sourceLocation) { $0.contains(expected) }
    }

    /// Waits until the editor is reading a line again: the prompt is the last thing drawn
    /// and the terminal is in raw mode, so keys typed now reach the editor as bytes.
    @discardableResult
    func waitForPrompt(_ prompt: String = "kg> ", since mark: Int = 0, seconds: Double = KGTerminal.timeout,
                       sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        waitFor("the prompt \(prompt.debugDescription)", since: mark, seconds: seconds, sourceLocation: sourceLocation) {
            $0.hasSuffix(prompt) && self.terminal.isRaw
        }
    }

    /// Types one line and Enter, and waits for the next prompt; returns the screen text
    /// the line produced (its echo, its output, and the next prompt).
    @discardableResult
    func enter(_ line: String, prompt: String = "kg> ", sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let start = mark
        type(line + Self.enter)
        waitForPrompt(prompt, since: start, sourceLocation: sourceLocation)
        return text(since: start)
    }

    /// Waits for the child to exit; its exit status, or nil if it was killed or is still
    /// running after `seconds`.
    func waitForExit(seconds: Double = KGTerminal.timeout, sourceLocation: SourceLocation = #_sourceLocation) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            terminal.drain(milliseconds: 10)
            if reap() { return exitStatus }
        }
        Issue.record("kg did not exit within \(seconds) s; screen: \(screen.debugDescription)", sourceLocation: sourceLocation)
        return nil
    }

    private var reaped = false

    /// Collects the child if it has ended.
    private func reap() -> Bool {
        if reaped { return true }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return false }
        reaped = true
        // WIFEXITED / WEXITSTATUS.
        if status & 0x7F == 0 { exitStatus = (status >> 8) & 0xFF }
        return true
    }

    /// Kills the child if it is still running and collects it.
    func stop() {
        if reap() { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        reaped = true
    }

    /// A fresh HOME folder for one test.
    static func makeHome() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kg-repl-home-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Serialized: each test drives a child on its own terminal with real-time waits; running
/// them side by side on a small machine would only make the timing less certain.
@Suite(.serialized) struct REPLTerminalTests {
    typealias K = KGTerminal

    @Test func aQueryTypedAtThePromptPrintsTheAnswerTableInColour() throws {
        let home = try K.makeHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let kg = try KGTerminal([], home: home)
        try #require(kg.waitForPrompt())
        #expect(kg.text().contains("facts loaded"))
        let start = kg.mark
        let shown = kg.enter("?- member_of(S, csm).")
        #expect(shown.contains("kg> ?- member_of(S, csm).\n"))
        #expect(shown.contains("S\n---------\nargentina\n"))
        #expect(shown.contains("\necuador\n"))
        #expect(shown.contains("\n(12 rows)\n"))
        // On a terminal without NO_COLOR the header is bold and the rule dim.
        let raw = kg.raw(since: start)
        #expect(raw.contains("\u{1B}[1mS\u{1B}[0m"))
        #expect(raw.contains("\u{1B}[2m---------\u{1B}[0m"))
        // Errors are coloured too, and keep their place and caret.
        let error = kg.enter("bad(X) :- member_of(X, csm), not member_of(X, Y).")
        #expect(error.contains("<input>:1:"))
        #expect(error.contains("unsafe variable 'Y'"))
        #expect(error.contains("^\n"))
        #expect(kg.screen.contains(": \u{1B}[1;31merror\u{1B}[0m: "))
        kg.type(K.control("d"))
        #expect(kg.waitForExit() == 0)
    }

    @Test func noColorTurnsColourOff() throws {
        let home = try K.makeHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let kg = try KGTerminal([], home: home, noColor: true)
        try #require(kg.waitForPrompt())
        let shown = kg.enter("?- member_of(S, csm).")
        #expect(shown.contains("S\n---------\nargentina\n"))
        #expect(shown.contains("\n(12 rows)\n"))
        let error = kg.enter("bad(X) :- member_of(X, csm), not member_of(X, Y).")
        #expect(error.contains(": error: unsafe variable 'Y'"))
        // The editor still moves the cursor, but nothing sets a colour or weight (SGR).
        #expect(kg.screen.range(of: "\u{1B}\\[[0-9;]*m", options: .regularExpression) == nil,
                "SGR code on screen: \(kg.screen.debugDescription)")
        kg.type(K.control("d"))
        #expect(kg.waitForExit() == 0)
    }

    @Test func errorsRedirectedToAFileCarryNoColour() throws {
        let home = try K.makeHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let errors = home.appendingPathComponent("errors.log")
        let kg = try KGTerminal(["--no-seeds"], home: home, standardError: errors.path)
        try #require(kg.waitForPrompt())
        kg.enter("p(a).")
        kg.enter("bad(X) :- not p(X).")
        kg.enter("?- q(X).")
        kg.type(K.control("d"))
        #expect(kg.waitForExit() == 0)
        let written = try String(contentsOf: errors, encoding: .utf8)
        #expect(written.contains(": error: unsafe variable 'X'"))
        #expect(written.contains(": warning: unknown predicate q/1"))
        #expect(!written.contains("\u{1B}"), "escape codes in the redirected stderr: \(written.debugDescription)")
    }

    @Test func editingKeysChangeTheLineBeforeItIsSent() throws {
        let home = try K.makeHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let kg = try KGTerminal(["--no-seeds"], home: home)
        try #require(kg.waitForPrompt())
        kg.enter("member_of(ecuador, csm). member_of(peru, csm). member_of(chile, can).")

        // Left ×3 then an insertion: "cm" becomes "csm".
        var shown = kg.enter("?- member_of(S, cm)." + String(repeating: K.left, count: 3) + "s")
        #expect(shown.contains("kg> ?- member_of(S, csm).\n"))
        #expect(shown.contains("S\n-------\necuador\nperu\n(2 rows)\n"))

        // Ctrl-A (start of line) then typing, Ctrl-E (end) then typing.
        shown = kg.enter("member_of(ecuador, csm)" + K.control("a") + "?- " + K.control("e") + ".")
        #expect(shown.contains("kg> ?- member_of(ecuador, csm).\ntrue\n"))

        // Home and End keys.
        shown = kg.enter("member_of(chile, can)" + K.home + "?- " + K.end + ".")
        #expect(shown.contains("kg> ?- member_of(chile, can).\ntrue\n"))

        // Ctrl-B ×5 and Ctrl-F (back before "junk"), then Ctrl-K kills the rest of the line; Ctrl-F moves right again.
        shown = kg.enter("?- member_of(peru, csm). junk" + String(repeating: K.control("b"), count: 4)
                         + K.control("b") + K.control("f") + K.control("k"))
        #expect(shown.contains("kg> ?- member_of(peru, csm). \ntrue\n"))

        // Ctrl-U kills to the start of the line.
        shown = kg.enter("garbage ) ( ." + K.control("u") + "?- member_of(chile, csm).")
        #expect(shown.contains("kg> ?- member_of(chile, csm).\nfalse\n"))
        #expect(!shown.contains("error"))

        // Ctrl-W deletes the word before the cursor.
        shown = kg.enter("?- member_of(ecuador, csm). oops" + K.control("w"))
        #expect(shown.contains("kg> ?- member_of(ecuador, csm). \ntrue\n"))

        // Right and Backspace.
        shown = kg.enter("?- member_of(ecuadorx, csm)." + String(repeating: K.left, count: 8) + K.right + "\u{7F}")
        #expect(shown.contains("kg> ?- member_of(ecuador, csm).\ntrue\n"))
        kg.type(K.control("d"))
        #expect(kg.waitForExit() == 0)
    }

    @Test func aStatementMaySpanLinesWithAContinuationPrompt() throws {
        let home = try K.makeHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let kg = try KGTerminal(["--no-seeds"], home: home)
        try #require(kg.waitForPrompt())
        kg.enter("p(a). p(b).")
        let first = kg.enter("q(X) :-", prompt: "...> ")
        #expect(first.hasSuffix("...> "))
        let second = kg.enter("  p(X), X != b.")
        #expect(second.contains("...>   p(X), X != b.\n"))
        #expect(!second.contains("error"))
        let answer = kg.enter("?- q(X).")
        #expect(answer.contains("X\n-\na\n(1 row)\n"))
        kg.type(K.control("d"))
        #expect(kg.waitForExit() == 0)
    }

    @Test func upRecallsHistoryAndHistoryPersistsAcrossRuns() throws {
        let home = try K.makeHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let historyFile = home.appendingPathComponent(".kg_history")
        do {
            let kg = try KGTerminal([], home: home)
            try #require(kg.waitForPrompt())
            kg.enter("?- member_of(S, csm).")
            kg.enter(":stats")
            // Up recalls the last input; Up again the one before; Enter runs it.
            let start = kg.mark
            kg.type(K.up)
            kg.waitFor(text: "kg> :stats", since: start)
            kg.type(K.up)
            kg.waitFor(text: "kg> ?- member_of(S, csm).", since: start)
            kg.type(K.down + K.up + K.enter)
            kg.waitForPrompt(since: start)
            #expect(kg.text(since: start).contains("\n(12 rows)\n"))
            kg.type(K.control("d"))
            #expect(kg.waitForExit() == 0)
        }
        let saved = try String(contentsOf: historyFile, encoding: .utf8)
        #expect(saved.lines.contains("?- member_of(S, csm)."))
        #expect(saved.lines.contains(":stats"))

        // A second run in the same HOME starts with that history.
        let kg = try KGTerminal([], home: home)
        try #require(kg.waitForPrompt())
        // History now ends: the query, :stats, the query again.
        var start = kg.mark
        kg.type(K.up)
        kg.waitFor(text: "kg> ?- member_of(S, csm).", since: start)
        kg.type(K.up)
        kg.waitFor(text: "kg> :stats", since: start)
        kg.type(K.down + K.enter)
        kg.waitForPrompt(since: start)
        #expect(kg.text(since: start).contains("\n(12 rows)\n"))

        // Ctrl-R searches the history.
        start = kg.mark
        kg.type(K.control("r") + "csm")
        kg.waitFor(text: "(reverse-i-search)'csm': ?- member_of(S, csm).", since: start)
        kg.type(K.enter)
        kg.waitForPrompt(since: start)
        #expect(kg.text(since: start).contains("\n(12 rows)\n"))
        kg.type(K.control("d"))
        #expect(kg.waitForExit() == 0)
    }

    @Test
    func tabCompletesAPredicateNameWithItsParenthesis() throws {
        let home = try K.makeHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let kg = try KGTerminal([], home: home)
        try #require(kg.waitForPrompt())
        let start = kg.mark
        kg.type("?- membe" + K.tab)
        kg.waitFor(text: "kg> ?- member_of(", since: start)
        kg.type("S, csm)." + K.enter)
        kg.waitForPrompt(since: start)
        #expect(kg.text(since: start).contains("kg> ?- member_of(S, csm).\n"))
        #expect(kg.text(since: start).contains("\n(12 rows)\n"))
        kg.type(K.control("d"))
        #expect(kg.waitForExit() == 0)
    }

    @Test func tabCompletesCommandsAndEntityLabels() throws {
        let home = try K.makeHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let kg = try KGTerminal([], home: home)
        try #require(kg.waitForPrompt())

        var start = kg.mark
        // A predicate that is not also an entity's name completes with its parenthesis.
        kg.type("?- co_memb" + K.tab)
        kg.waitFor(text: "kg> ?- co_member(", since: start)
        kg.type(K.control("c"))
        kg.waitForPrompt(since: start)

        start = kg.mark
        kg.type(":sch" + K.tab)
        kg.waitFor(text: "kg> :schema", since: start)
        kg.type(K.enter)
        kg.waitForPrompt(since: start)
        #expect(kg.text(since: start).contains("member_of(state, body)/2  — "))

        // An entity by its label, ignoring case and accents: "Perú" becomes peru.
        start = kg.mark
        kg.type("?- member_of(Perú" + K.tab)
        kg.waitFor(text: "kg> ?- member_of(peru", since: start)
        kg.type(", csm)." + K.enter)
        kg.waitForPrompt(since: start)
        #expect(kg.text(since: start).contains("kg> ?- member_of(peru, csm).\ntrue\n"))

        // An entity by another printed name, here an acronym: "UNODC" becomes onudd.
        start = kg.mark
        kg.type("?- type(UNODC" + K.tab)
        kg.waitFor(text: "kg> ?- type(onudd", since: start)
        kg.type(K.control("c"))
        kg.waitForPrompt(since: start)

        // Several candidates: a second Tab lists them.
        start = kg.mark
        kg.type(":s" + K.tab + K.tab)
        kg.waitFor(text: "schema", since: start)
        kg.waitFor(text: "stats", since: start)
        kg.type(K.control("c"))
        kg.waitForPrompt(since: start)

        // Predicates are listed with their arity.
        start = kg.mark
        kg.type("?- shar" + K.tab)
        kg.waitFor(text: "kg> ?- share", since: start)
        kg.type(K.tab)
        kg.waitFor(text: "shares_practice_with/3", since: start)
        #expect(kg.text(since: start).contains("shared_by/2 "))
        kg.type(K.control("c"))
        kg.waitForPrompt(since: start)
        kg.type(K.control("d"))
        #expect(kg.waitForExit() == 0)
    }

    @Test func ctrlCClearsAHalfTypedLine() throws {
        let home = try K.makeHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let kg = try KGTerminal(["--no-seeds"], home: home)
        try #require(kg.waitForPrompt())
        kg.enter("p(a).")
        var start = kg.mark
        kg.type("garbage ( " + K.control("c"))
        kg.waitForPrompt(since: start)
        #expect(kg.text(since: start).contains("^C\n"))
        var shown = kg.enter("?- p(X).")
        #expect(shown.contains("X\n-\na\n(1 row)\n"))
        #expect(!shown.contains("error"))

        // Also in the middle of a statement spanning lines: the whole statement is dropped.
        start = kg.mark
        kg.enter("q(X) :-", prompt: "...> ")
        kg.type("p(X), " + K.control("c"))
        kg.waitForPrompt(since: start)
        shown = kg.enter("?- p(a).")
        #expect(shown.contains("kg> ?- p(a).\ntrue\n"))
        #expect(!shown.contains("error"))
        // The half-typed lines did not go into the history.
        start = kg.mark
        kg.type(K.up)
        kg.waitFor(text: "kg> ?- p(a).", since: start)
        kg.type(K.up)
        kg.waitFor(text: "kg> ?- p(X).", since: start)
        kg.type(K.control("c"))
        kg.waitForPrompt(since: start)
        kg.type(K.control("d"))
        #expect(kg.waitForExit() == 0)
    }

    /// Waits until the REPL has left raw mode for the query, then a little more so the
    /// query is surely running, and types Ctrl-C (raising SIGINT through the terminal).
    private func interruptRunningQuery(_ kg: KGTerminal, sourceLocation: SourceLocation = #_sourceLocation) {
        kg.waitFor("the query to start (cooked mode)", sourceLocation: sourceLocation) { _ in !kg.terminal.isRaw }
        _ = kg.terminal.waitFor(seconds: 0.7) { _ in false }
        kg.type(K.control("c"))
    }

    @Test func ctrlCCancelsAnUnboundedEvaluationAndNamesThePredicate() throws {
        let home = try K.makeHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let kg = try KGTerminal(["--no-seeds", "--max-facts", "100000000"], home: home)
        try #require(kg.waitForPrompt())
        kg.enter("p(a).")
        // The growing rule and the query in one input: however the REPL schedules the
        // evaluation (when the rule is added or when the query needs it), it runs now.
        let start = kg.mark
        kg.type("n(0). n(M) :- n(N), M = N + 1. ?- n(X), X < 0." + K.enter)
        interruptRunningQuery(kg)
        kg.waitForPrompt(since: start)
        let shown = kg.text(since: start)
        let errorLine = try #require(shown.lines.first { $0.contains("error") }, "screen: \(shown)")
        #expect(errorLine.contains("cancel"))
        #expect(errorLine.range(of: #"\bn\b"#, options: .regularExpression) != nil, "does not name n: \(errorLine)")
        // The prompt is back and the next query answers.
        let next = kg.enter("?- p(a).")
        #expect(next.contains("kg> ?- p(a).\ntrue\n"))
        kg.type(K.control("d"))
        #expect(kg.waitForExit() == 0)
    }

    @Test func ctrlCCancelsALongQueryAndTheNextQueryAnswers() throws {
        let home = try K.makeHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let kg = try KGTerminal(["--no-seeds"], home: home)
        try #require(kg.waitForPrompt())
        kg.enter("n(0). n(M) :- n(N), N < 2000, M = N + 1.")
        // A billions-of-rows join: evaluation is quick, answering would take hours.
        let start = kg.mark
        kg.type("?- n(X), n(Y), n(Z), X + Y + Z < 0." + K.enter)
        interruptRunningQuery(kg)
        kg.waitForPrompt(since: start)
        #expect(kg.text(since: start).contains("cancel"))
        let next = kg.enter("?- n(1999).")
        #expect(next.contains("kg> ?- n(1999).\ntrue\n"))
        kg.type(K.control("d"))
        #expect(kg.waitForExit() == 0)
    }

    @Test func ctrlDExitsWithStatusZeroAndRestoresTheTerminal() throws {
        let home = try K.makeHome()
        defer { try? FileManager.default.removeItem(at: home) }
        var before = termios()
        let kg = try KGTerminal(["--no-seeds"], home: home)
        tcgetattr(kg.terminal.slave, &before)
        try #require(kg.waitForPrompt())
        #expect(kg.terminal.isRaw)
        kg.type(K.control("d"))
        #expect(kg.waitForExit() == 0)
        var after = termios()
        tcgetattr(kg.terminal.slave, &after)
        #expect(after.c_lflag & tcflag_t(ECHO | ICANON | ISIG) == tcflag_t(ECHO | ICANON | ISIG))
    }

    @Test func quitExitsWithStatusZero() throws {
        let home = try K.makeHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let kg = try KGTerminal(["--no-seeds"], home: home)
        try #require(kg.waitForPrompt())
        kg.type(":quit" + K.enter)
        #expect(kg.waitForExit() == 0)
    }
}
