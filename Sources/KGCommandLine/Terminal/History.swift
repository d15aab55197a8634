/// In-memory history: the entries (oldest first), Up/Down navigation and reverse search.
///
/// Navigation works on a scratch view: the line being typed is kept as a draft below the
/// newest entry, and edits made to a recalled entry survive moving away and back until
/// `endNavigation()` (called when a line is accepted), like readline. Stored entries never
/// change while navigating. Pure value type: no I/O.
struct History: Sendable {
    private(set) var entries: [String] = []
    let maximumCount: Int

    /// Index into `entries` of the line shown; `entries.count` means the draft.
    private var position: Int = 0
    /// Edited versions of recalled entries, and the draft at key `entries.count`.
    private var edits: [Int: String] = [:]

    init(maximumCount: Int = 1000, entries initial: [String] = []) {
        self.maximumCount = max(1, maximumCount)
        for entry in initial { add(entry) }
    }

    /// Appends `line` unless it is blank or equal to the newest entry; drops the oldest
    /// entries beyond `maximumCount`. Returns whether it was added. Ends navigation.
    @discardableResult
    mutating func add(_ line: String) -> Bool {
        endNavigation()
        guard !line.allSatisfy(\.isWhitespace), line != entries.last else { return false }
        entries.append(line)
        if entries.count > maximumCount {
            entries.removeFirst(entries.count - maximumCount)
        }
        position = entries.count
        return true
    }

    // MARK: Navigation

    /// True when a recalled entry (not the draft) is shown.
    var isNavigating: Bool { position < entries.count }

    /// Up / Ctrl-P: remembers `current` as the text of the line shown and returns the next
    /// older one, or nil at the oldest entry.
    mutating func previous(current: String) -> String? {
        guard position > 0 else { return nil }
        edits[position] = current
        position -= 1
        return edits[position] ?? entries[position]
    }

    /// Down / Ctrl-N: returns the next newer line, ending with the draft; nil at the draft.
    mutating func next(current: String) -> String? {
        guard position < entries.count else { return nil }
        edits[position] = current
        position += 1
        return edits[position] ?? (position < entries.count ? entries[position] : "")
    }

    /// Forgets the draft and edits; the next `previous` starts from the newest entry.
    mutating func endNavigation() {
        edits.removeAll()
        position = entries.count
    }

    // MARK: Search

    /// Newest entry at an index `< before` containing `query`; returns its index and the
    /// Character offset of the match. Entries equal to `skipping` are passed over, so
    /// repeated Ctrl-R does not stop on duplicates of the match already shown.
    func search(_ query: String, before: Int? = nil, skipping: String? = nil) -> (index: Int, offset: Int)? {
        guard !query.isEmpty else { return nil }
        var index = min(before ?? entries.count, entries.count) - 1
        while index >= 0 {
            let entry = entries[index]
            if entry != skipping, let range = entry.characterRange(of: query) {
                return (index, entry.distance(from: entry.startIndex, to: range.lowerBound))
            }
            index -= 1
        }
        return nil
    }
}

extension String {
    /// Substring search by Character without Foundation (named apart from Foundation's
    /// `range(of:)` so the two never compete in overload resolution).
    fileprivate func characterRange(of needle: String) -> Range<String.Index>? {
        guard !needle.isEmpty, needle.count <= count else { return nil }
        var start = startIndex
        while start < endIndex {
            if self[start...].starts(with: needle) {
                return start..<(index(start, offsetBy: needle.count))
            }
            start = index(after: start)
        }
        return nil
    }
}
