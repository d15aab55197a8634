/// State of a Ctrl-R reverse incremental search (readline's reverse-i-search).
struct ReverseSearch: Sendable {
    /// The text typed after Ctrl-R.
    var query = ""
    /// History index of the match shown, nil before anything matched.
    var matchIndex: Int?
    /// The matched entry and the Character offset of the query inside it.
    var matchText = ""
    var matchOffset = 0
    /// The last search step found nothing (the previous match stays shown).
    var failed = false
    /// The line as it was when the search began, restored by Ctrl-G / Esc.
    let original: LineBuffer

    init(original: LineBuffer) {
        self.original = original
    }

    /// `(reverse-i-search)'text': `, or the failed variant.
    var prompt: String {
        (failed ? "(failed reverse-i-search)'" : "(reverse-i-search)'") + query + "': "
    }

    /// What is displayed after the prompt: the match, or the original line before one.
    var shown: LineBuffer {
        matchIndex == nil ? original : LineBuffer(matchText, cursor: matchOffset)
    }

    /// Searches older entries: from the current match (inclusive, when the query grew) or
    /// strictly before it (Ctrl-R again). Returns false and marks `failed` when nothing
    /// further matches.
    mutating func step(in history: History, includingCurrent: Bool) -> Bool {
        let count = history.entries.count
        let before = matchIndex.map { includingCurrent ? $0 + 1 : $0 } ?? count
        let skipping = includingCurrent ? nil : (matchIndex == nil ? nil : matchText)
        guard let found = history.search(query, before: before, skipping: skipping) else {
            failed = !query.isEmpty
            return false
        }
        matchIndex = found.index
        matchText = history.entries[found.index]
        matchOffset = found.offset
        failed = false
        return true
    }

    /// Restarts from the newest entry (after the query shrank).
    mutating func restart(in history: History) {
        matchIndex = nil
        failed = false
        if !query.isEmpty { _ = step(in: history, includingCurrent: true) }
    }
}
