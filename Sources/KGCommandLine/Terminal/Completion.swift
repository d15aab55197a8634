/// One Tab-completion candidate: the text it inserts, and how the list of candidates shows it
/// (a predicate inserts `member_of(` and is listed as `member_of/2`).
public struct CompletionCandidate: Hashable, Sendable, ExpressibleByStringLiteral {
    public let text: String
    public let display: String

    public init(_ text: String, display: String? = nil) {
        self.text = text
        self.display = display ?? text
    }

    public init(stringLiteral value: String) { self.init(value) }
}

/// The pure parts of Tab completion: what to insert and how to lay out a candidate list.
enum Completion {
    /// Longest common prefix by Character ("país" and "paíz" share "paí", never half a
    /// grapheme).
    static func longestCommonPrefix(_ candidates: [String]) -> String {
        guard var prefix = candidates.first.map(Array.init) else { return "" }
        for candidate in candidates.dropFirst() {
            var length = 0
            for (a, b) in zip(prefix, candidate) {
                guard a == b else { break }
                length += 1
            }
            prefix.removeSubrange(length...)
            if prefix.isEmpty { break }
        }
        return String(prefix)
    }

    /// Rows of the candidate listing, filled column by column like bash: each column as
    /// wide as the widest candidate plus two spaces, as many columns as fit in `columns`
    /// (at least one). Rows carry no trailing spaces.
    static func layout(_ candidates: [String], columns: Int) -> [String] {
        guard !candidates.isEmpty else { return [] }
        let widths = candidates.map { DisplayWidth.of($0) }
        let cellWidth = (widths.max() ?? 0) + 2
        let columnCount = max(1, min(candidates.count, (max(columns, 1) + 2) / cellWidth))
        let rowCount = (candidates.count + columnCount - 1) / columnCount
        var rows: [String] = []
        for row in 0..<rowCount {
            var line = ""
            var column = row
            while column < candidates.count {
                let isLast = column + rowCount >= candidates.count
                line += candidates[column]
                if !isLast { line += String(repeating: " ", count: cellWidth - widths[column]) }
                column += rowCount
            }
            rows.append(line)
        }
        return rows
    }
}
