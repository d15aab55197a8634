import Glibc

/// A linenoise-style line editor on termios: single-line editing with horizontal
/// scrolling, history (Up/Down, Ctrl-R, persisted to a file) and Tab completion.
///
/// When the input is not a terminal (a pipe or a file), or TERM says escape codes are not
/// understood, lines are read plainly: nothing is echoed and no escape code is written
/// (at an unsupported terminal the prompt is still printed, since a person is typing).
///
/// Not thread-safe: one thread reads lines.
public final class LineEditor {
    /// Completion source: given the line and the cursor (a Character offset), returns where
    /// the word being completed begins (Character offset) and the candidates for it.
    public var completer: ((_ line: String, _ cursor: Int) -> (start: Int, candidates: [CompletionCandidate]))?

    /// True when input is a terminal: raw-mode editing. Otherwise lines are read plainly
    /// with no escape codes and nothing echoed.
    public let isInteractive: Bool

    private let terminal: Terminal
    /// A terminal that cannot do escape codes (TERM=dumb): plain reads, but prompt shown.
    private let isDumbTerminal: Bool
    private var session: EditSession
    private var historyFile: HistoryFile?
    private var decoder = KeyDecoder()
    /// Keys decoded but not handled yet (a paste, or lines typed ahead).
    private var queuedKeys: [Key] = []
    private var renderer = LineRenderer()
    private var plainReader = PlainLineReader()
    private var currentPrompt = ""
    private var needsRefresh = false

    /// How long to wait after an ESC for the rest of an escape sequence before taking it
    /// as a lone Esc press.
    private static let escapeTimeoutMilliseconds: Int32 = 100

    /// historyPath: e.g. ~/.kg_history (nil = no persistence; a leading "~/" is expanded);
    /// maxHistory bounds the file and memory.
    public convenience init(historyPath: String?, maxHistory: Int = 1000, input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        let term = getenv("TERM").map { String(cString: $0) }
        self.init(historyPath: historyPath, maxHistory: maxHistory, input: input, output: output, term: term)
    }

    /// `term` stands in for $TERM (tests pass one so they do not depend on the environment).
    init(historyPath: String?, maxHistory: Int, input: Int32, output: Int32, term: String?) {
        terminal = Terminal(input: input, output: output)
        let supported = Terminal.isSupported(term: term)
        let tty = terminal.isTTY
        isInteractive = tty && supported
        isDumbTerminal = tty && !supported
        var entries: [String] = []
        if let historyPath {
            var file = HistoryFile(path: Self.expandingTilde(historyPath), maximumCount: maxHistory)
            entries = file.load()
            historyFile = file
        }
        session = EditSession(history: History(maximumCount: maxHistory, entries: entries))
    }

    /// The history entries in memory, oldest first.
    var historyEntries: [String] { session.history.entries }

    /// Adds to in-memory history (skipping blank lines and consecutive duplicates) and
    /// appends to the history file. File errors are ignored: losing history must never
    /// break the session.
    public func addHistory(_ line: String) {
        guard session.history.add(line) else { return }
        try? historyFile?.append(line)
    }

    /// Reads one line. Ctrl-C on a line => .interrupted (line cleared); Ctrl-D on empty
    /// line => .endOfFile; EOF on a pipe => .endOfFile.
    public func readLine(prompt: String) -> LineEditorResult {
        guard isInteractive, terminal.enableRawMode() else {
            return readPlainLine(prompt: prompt)
        }
        defer { terminal.disableRawMode() }
        return editLine(prompt: prompt)
    }

    // MARK: Plain input

    private func readPlainLine(prompt: String) -> LineEditorResult {
        if isDumbTerminal { terminal.write(prompt) }
        let countBefore = InterruptFlag.signalCount
        let result = plainReader.readLine(from: terminal.input) {
            InterruptFlag.signalCount != countBefore
        }
        // The terminal echoed "^C"; end that line as raw mode does.
        if isDumbTerminal, result == .interrupted { terminal.write("\n") }
        return result
    }

    // MARK: Raw-mode editing

    private func editLine(prompt: String) -> LineEditorResult {
        currentPrompt = prompt
        session.begin()
        renderer.reset()
        refresh()
        while true {
            guard let key = nextKey() else {
                terminal.write("\r\n")
                return .endOfFile
            }
            // Handled on a copy: the completer may call back into the editor (say, to read
            // the history), which must not overlap an exclusive access to `session`.
            var working = session
            let action = working.handle(key, completer: completer)
            session = working
            switch action {
            case .none:
                break
            case .refresh:
                needsRefresh = true
            case .bell:
                terminal.write("\u{7}")
            case .clearScreen:
                terminal.write("\u{1B}[H\u{1B}[2J")
                refresh()
            case .listCandidates(let candidates):
                let rows = Completion.layout(candidates, columns: terminal.columns)
                terminal.write("\r\n" + rows.joined(separator: "\r\n") + "\r\n")
                refresh()
            case .suspend:
                suspend()
            case .finish(let result):
                refresh()
                terminal.write(result == .interrupted ? "^C\r\n" : "\r\n")
                return result
            }
        }
    }

    /// The next key, reading more input when none is queued. Pending redraws happen just
    /// before blocking, so a paste is drawn once rather than once per character. Returns nil
    /// at end of input.
    private func nextKey() -> Key? {
        while queuedKeys.isEmpty {
            if needsRefresh { refresh() }
            let timeout = decoder.hasPending ? Self.escapeTimeoutMilliseconds : -1
            switch terminal.read(timeoutMilliseconds: timeout) {
            case .bytes(let bytes):
                queuedKeys.append(contentsOf: decoder.feed(bytes))
            case .timeout:
                queuedKeys.append(contentsOf: decoder.flush())
            case .interrupted:
                needsRefresh = true
            case .end:
                return nil
            }
        }
        return queuedKeys.removeFirst()
    }

    private func refresh() {
        needsRefresh = false
        let shown = session.display(prompt: currentPrompt)
        terminal.write(renderer.render(
            prompt: shown.prompt, characters: shown.line.characters,
            cursor: shown.line.cursor, columns: terminal.columns))
    }

    /// Ctrl-Z with ISIG off: give the terminal back, stop like the shell expects, and
    /// resume editing where we were.
    private func suspend() {
        terminal.write("\r\n")
        terminal.disableRawMode()
        raise(SIGTSTP)
        _ = terminal.enableRawMode()
        refresh()
    }

    private static func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = getenv("HOME") else { return path }
        return String(cString: home) + path.dropFirst()
    }
}
