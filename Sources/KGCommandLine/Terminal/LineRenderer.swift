/// Builds the escape sequence that redraws the single edit line (linenoise's
/// refreshSingleLine): CR, prompt, the visible slice of the text, clear to end of line,
/// then CR and a move right to the cursor column.
///
/// Lines wider than the terminal scroll horizontally. The first visible character is
/// kept between refreshes so the view only moves when the cursor would leave it, instead
/// of pinning the cursor to the right edge. The last terminal column is never written to,
/// so the terminal never auto-wraps; the cursor may sit there at the end of the line.
struct LineRenderer: Sendable {
    /// Index of the first visible character.
    private(set) var offset = 0

    /// Forget the scroll position (a new line is starting).
    mutating func reset() { offset = 0 }

    mutating func render(prompt: String, characters: [Character], cursor: Int, columns: Int) -> String {
        let cursor = min(max(cursor, 0), characters.count)
        let promptWidth = DisplayWidth.of(prompt)
        let widths = characters.map(DisplayWidth.of)
        let available = max(1, columns - promptWidth - 1)
        scroll(widths: widths, cursor: cursor, available: available)

        var visible = ""
        var used = 0
        var index = offset
        while index < characters.count, used + widths[index] <= available {
            visible += DisplayWidth.visible(characters[index])
            used += widths[index]
            index += 1
        }
        let cursorColumn = promptWidth + widths[offset..<cursor].reduce(0, +)
        var output = "\r" + prompt + visible + "\u{1B}[0K\r"
        if cursorColumn > 0 { output += "\u{1B}[\(cursorColumn)C" }
        return output
    }

    private mutating func scroll(widths: [Int], cursor: Int, available: Int) {
        offset = min(offset, cursor)
        // The cursor column plus the character under it must fit.
        func needed(from start: Int) -> Int {
            widths[start..<cursor].reduce(0, +) + (cursor < widths.count ? widths[cursor] : 0)
        }
        while offset < cursor, needed(from: offset) > available { offset += 1 }
        // Show as much as possible: scroll back when the tail no longer fills the view.
        while offset > 0, widths[(offset - 1)...].reduce(0, +) <= available { offset -= 1 }
    }
}
