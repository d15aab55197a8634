/// The text being edited and the cursor position, with the editing operations.
///
/// The text is an array of `Character`s (grapheme clusters) so that the cursor never
/// lands inside "é" or "ñ", whichever way they were encoded. `cursor` is an index in
/// `0...characters.count`. Pure value type: no I/O.
struct LineBuffer: Equatable, Sendable {
    private(set) var characters: [Character]
    private(set) var cursor: Int

    init(_ text: String = "", cursor: Int? = nil) {
        characters = Array(text)
        self.cursor = min(max(cursor ?? characters.count, 0), characters.count)
    }

    var text: String { String(characters) }
    var isEmpty: Bool { characters.isEmpty }
    var count: Int { characters.count }

    // MARK: Insertion

    /// Inserts at the cursor. A lone combining mark (e.g. U+0301 typed after "e") is merged
    /// into the previous character so the buffer keeps one element per visible glyph.
    mutating func insert(_ character: Character) {
        if cursor > 0 {
            let merged = String(characters[cursor - 1]) + String(character)
            if merged.count == 1, let single = merged.first {
                characters[cursor - 1] = single
                return
            }
        }
        characters.insert(character, at: cursor)
        cursor += 1
    }

    mutating func insert(contentsOf text: String) {
        for character in text { insert(character) }
    }

    /// Replaces the characters in `range` (clamped to the buffer) with `text` and puts the
    /// cursor after the replacement. Used by completion.
    mutating func replace(_ range: Range<Int>, with text: String) {
        let lower = min(max(range.lowerBound, 0), characters.count)
        let upper = min(max(range.upperBound, lower), characters.count)
        let replacement = Array(text)
        characters.replaceSubrange(lower..<upper, with: replacement)
        cursor = lower + replacement.count
    }

    /// Replaces the whole text; the cursor goes to `cursor` (clamped) or to the end.
    mutating func set(_ text: String, cursor newCursor: Int? = nil) {
        self = LineBuffer(text, cursor: newCursor)
    }

    // MARK: Deletion

    /// Backspace. Returns false when there was nothing to delete.
    @discardableResult
    mutating func deleteBackward() -> Bool {
        guard cursor > 0 else { return false }
        characters.remove(at: cursor - 1)
        cursor -= 1
        return true
    }

    /// Delete / Ctrl-D: removes the character under the cursor.
    @discardableResult
    mutating func deleteForward() -> Bool {
        guard cursor < characters.count else { return false }
        characters.remove(at: cursor)
        return true
    }

    /// Ctrl-K. Returns the removed text.
    @discardableResult
    mutating func killToEnd() -> String {
        let removed = String(characters[cursor...])
        characters.removeSubrange(cursor...)
        return removed
    }

    /// Ctrl-U. Returns the removed text.
    @discardableResult
    mutating func killToStart() -> String {
        let removed = String(characters[..<cursor])
        characters.removeSubrange(..<cursor)
        cursor = 0
        return removed
    }

    /// Ctrl-W: deletes back to the previous whitespace, like bash's unix-word-rubout, so
    /// `edge(X, Y)` loses `Y)` in one stroke. Returns the removed text.
    @discardableResult
    mutating func deletePreviousWord() -> String {
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        let removed = String(characters[start..<cursor])
        characters.removeSubrange(start..<cursor)
        cursor = start
        return removed
    }

    /// Alt-D: deletes to the end of the current or next word (alphanumeric words).
    @discardableResult
    mutating func deleteNextWord() -> String {
        let end = wordEnd(from: cursor)
        let removed = String(characters[cursor..<end])
        characters.removeSubrange(cursor..<end)
        return removed
    }

    /// Alt-Backspace: deletes to the start of the current or previous word (alphanumeric words).
    @discardableResult
    mutating func deleteWordBackward() -> String {
        let start = wordStart(from: cursor)
        let removed = String(characters[start..<cursor])
        characters.removeSubrange(start..<cursor)
        cursor = start
        return removed
    }

    /// Ctrl-T: swaps the character before the cursor with the one under it (at the end of
    /// the line, the last two), and advances. Returns false when the line is too short.
    @discardableResult
    mutating func transpose() -> Bool {
        guard characters.count >= 2, cursor > 0 else { return false }
        let right = cursor == characters.count ? cursor - 1 : cursor
        characters.swapAt(right - 1, right)
        cursor = min(right + 1, characters.count)
        return true
    }

    // MARK: Movement

    @discardableResult
    mutating func moveLeft() -> Bool {
        guard cursor > 0 else { return false }
        cursor -= 1
        return true
    }

    @discardableResult
    mutating func moveRight() -> Bool {
        guard cursor < characters.count else { return false }
        cursor += 1
        return true
    }

    mutating func moveHome() { cursor = 0 }
    mutating func moveEnd() { cursor = characters.count }

    /// Alt-B: to the start of the current or previous word.
    mutating func moveWordLeft() { cursor = wordStart(from: cursor) }
    /// Alt-F: to the end of the current or next word.
    mutating func moveWordRight() { cursor = wordEnd(from: cursor) }

    // MARK: Words

    /// Word characters for Alt-B/F/D: letters (accented included), digits and `_`, so
    /// Datalog identifiers like `país_origen` are one word and punctuation separates.
    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    private func wordStart(from index: Int) -> Int {
        var position = index
        while position > 0, !Self.isWordCharacter(characters[position - 1]) { position -= 1 }
        while position > 0, Self.isWordCharacter(characters[position - 1]) { position -= 1 }
        return position
    }

    private func wordEnd(from index: Int) -> Int {
        var position = index
        while position < characters.count, !Self.isWordCharacter(characters[position]) { position += 1 }
        while position < characters.count, Self.isWordCharacter(characters[position]) { position += 1 }
        return position
    }
}
