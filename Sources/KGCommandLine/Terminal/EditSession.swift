/// What the I/O layer must do after a key was handled.
enum EditAction: Equatable, Sendable {
    /// Nothing changed on screen.
    case none
    /// Redraw the line.
    case refresh
    /// Ring the bell (nothing to do for that key).
    case bell
    /// Clear the screen, then redraw.
    case clearScreen
    /// Print these completion candidates (as displayed) below the line, then redraw.
    case listCandidates([String])
    /// Ctrl-Z: leave raw mode, stop the process, redraw when resumed.
    case suspend
    /// The line is done.
    case finish(LineEditorResult)
}

/// The editor's key handling, without any I/O: the buffer, history navigation, reverse
/// search and completion state, driven one `Key` at a time. `LineEditor` feeds it keys and
/// performs the returned `EditAction`s; tests drive it directly.
struct EditSession {
    var buffer = LineBuffer()
    var history: History
    /// Non-nil while Ctrl-R search is active.
    private(set) var search: ReverseSearch?
    /// The query of the last search, reused by Ctrl-R on an empty search (as readline does).
    private var lastSearchQuery = ""
    /// The previous key was a Tab that left several candidates: the next Tab lists them.
    private var tabPending = false

    typealias Completer = (_ line: String, _ cursor: Int) -> (start: Int, candidates: [CompletionCandidate])

    init(history: History) {
        self.history = history
    }

    /// Starts a new line.
    mutating func begin() {
        buffer = LineBuffer()
        search = nil
        tabPending = false
        history.endNavigation()
    }

    /// The prompt and line to draw: the caller's prompt and the buffer, or during a search
    /// the search prompt and the match.
    func display(prompt: String) -> (prompt: String, line: LineBuffer) {
        if let search { return (search.prompt, search.shown) }
        return (prompt, buffer)
    }

    mutating func handle(_ key: Key, completer: Completer? = nil) -> EditAction {
        if search != nil, let action = handleSearch(key) {
            return action
        }
        let wasTabPending = tabPending
        tabPending = false
        switch key {
        case .character(let character):
            buffer.insert(character)
            return .refresh
        case .enter:
            return finish(.line(buffer.text))
        case .control("c"):
            return finish(.interrupted)
        case .control("d"):
            if buffer.isEmpty { return finish(.endOfFile) }
            return buffer.deleteForward() ? .refresh : .bell
        case .delete:
            return buffer.deleteForward() ? .refresh : .bell
        case .backspace:
            return buffer.deleteBackward() ? .refresh : .bell
        case .left, .control("b"):
            return buffer.moveLeft() ? .refresh : .none
        case .right, .control("f"):
            return buffer.moveRight() ? .refresh : .none
        case .home, .control("a"):
            buffer.moveHome()
            return .refresh
        case .end, .control("e"):
            buffer.moveEnd()
            return .refresh
        case .wordLeft, .meta("b"), .meta("B"):
            buffer.moveWordLeft()
            return .refresh
        case .wordRight, .meta("f"), .meta("F"):
            buffer.moveWordRight()
            return .refresh
        case .control("k"):
            buffer.killToEnd()
            return .refresh
        case .control("u"):
            buffer.killToStart()
            return .refresh
        case .control("w"):
            buffer.deletePreviousWord()
            return .refresh
        case .meta("d"), .meta("D"):
            buffer.deleteNextWord()
            return .refresh
        case .metaBackspace:
            buffer.deleteWordBackward()
            return .refresh
        case .control("t"):
            return buffer.transpose() ? .refresh : .bell
        case .control("l"):
            return .clearScreen
        case .up, .control("p"):
            guard let line = history.previous(current: buffer.text) else { return .bell }
            buffer.set(line)
            return .refresh
        case .down, .control("n"):
            guard let line = history.next(current: buffer.text) else { return .bell }
            buffer.set(line)
            return .refresh
        case .control("r"):
            search = ReverseSearch(original: buffer)
            return .refresh
        case .tab:
            return complete(with: completer, listing: wasTabPending)
        case .control("z"):
            return .suspend
        default:
            return .none
        }
    }

    private mutating func finish(_ result: LineEditorResult) -> EditAction {
        buffer.moveEnd()
        history.endNavigation()
        return .finish(result)
    }

    // MARK: Reverse search

    /// Handles `key` while searching. Returns nil when the search ended by accepting the
    /// match and the key must now be applied as a normal editing key.
    private mutating func handleSearch(_ key: Key) -> EditAction? {
        guard var state = search else { return nil }
        defer { if search != nil { search = state } }
        switch key {
        case .character(let character):
            // A miss keeps the previous match and shows the "failed" prompt.
            state.query.append(character)
            _ = state.step(in: history, includingCurrent: true)
            return .refresh
        case .backspace:
            guard !state.query.isEmpty else { return .bell }
            state.query.removeLast()
            state.restart(in: history)
            return .refresh
        case .control("r"):
            if state.query.isEmpty, !lastSearchQuery.isEmpty {
                state.query = lastSearchQuery
                state.restart(in: history)
                return .refresh
            }
            return state.step(in: history, includingCurrent: false) ? .refresh : .bell
        case .control("g"), .escape:
            endSearch(state)
            buffer = state.original
            return .refresh
        case .control("c"):
            endSearch(state)
            buffer = state.shown
            return finish(.interrupted)
        default:
            // Any other key accepts the match (cursor where the query was found) and then
            // acts normally: Enter submits it, arrows move within it, and so on.
            endSearch(state)
            buffer = state.shown
            return nil
        }
    }

    private mutating func endSearch(_ state: ReverseSearch) {
        if !state.query.isEmpty { lastSearchQuery = state.query }
        search = nil
    }

    // MARK: Completion

    /// One candidate: insert it. Several: insert their longest common prefix; when that adds
    /// nothing, ring the bell, and a second consecutive Tab lists them.
    private mutating func complete(with completer: Completer?, listing: Bool) -> EditAction {
        guard let completer else { return .bell }
        let cursor = buffer.cursor
        let result = completer(buffer.text, cursor)
        let start = min(max(result.start, 0), cursor)
        var seen = Set<String>()
        let candidates = result.candidates.filter { seen.insert($0.text).inserted }
        let word = String(buffer.characters[start..<cursor])
        switch candidates.count {
        case 0:
            return .bell
        case 1:
            buffer.replace(start..<cursor, with: candidates[0].text)
            return .refresh
        default:
            tabPending = true
            if listing { return .listCandidates(candidates.map(\.display)) }
            let prefix = Completion.longestCommonPrefix(candidates.map(\.text))
            guard !prefix.isEmpty, prefix != word else { return .bell }
            buffer.replace(start..<cursor, with: prefix)
            return .refresh
        }
    }
}
