/// The text of one program file (or REPL input) with its name as shown in messages.
public final class SourceFile: @unchecked Sendable {
    /// The path as the user gave it, or `<input>`, `<query>`, `<seeds>/name.dl`.
    public let name: String
    /// The UTF-8 bytes of the text.
    public let bytes: [UInt8]
    /// The line number of the text's first line: 1, except for an excerpt (`excerpt(line:at:)`).
    public let firstLine: Int
    /// Byte offset of the start of each line, computed when a message first needs a line
    /// (a million-line data file that loads cleanly never pays for it).
    private lazy var lineStarts: [Int] = {
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        return starts
    }()

    public init(name: String, bytes: [UInt8], firstLine: Int = 1) {
        self.name = name
        // A UTF-8 byte order mark is not part of the text (nor of any column).
        self.bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        self.firstLine = firstLine
    }

    /// A file holding only line `line` of this one, which starts at byte `lineStart`: a range
    /// in it reads as in the whole file (same name, line and column) without keeping the
    /// whole file's bytes alive, as a data file's first use of each predicate must.
    public func excerpt(line: Int, at lineStart: Int) -> SourceFile {
        let start = max(0, min(lineStart, bytes.count))
        let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        return SourceFile(name: name, bytes: Array(bytes[start..<end]), firstLine: line)
    }

    public convenience init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// 1-based line and column (in characters) of a byte offset.
    public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let start = lineStarts[lo]
        let end = min(max(offset, start), bytes.count)
        let prefix = String(decoding: bytes[start..<end], as: UTF8.self)
        return (lo + firstLine, prefix.count + 1)
    }

    /// The byte offset of 1-based `line` and `column` (in characters), clamped to the text.
    public func offset(line: Int, column: Int) -> Int {
        let local = line - firstLine + 1
        guard local >= 1, local <= lineStarts.count else { return bytes.count }
        let start = lineStarts[local - 1]
        let text = lineText(line)
        let prefix = text.prefix(max(0, column - 1))
        return min(bytes.count, start + prefix.utf8.count)
    }

    /// The text of 1-based line `line`, without its line break.
    public func lineText(_ line: Int) -> String {
        let line = line - firstLine + 1
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The source text of a byte range.
    public func text(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, bytes.count)), hi = max(lo, min(range.upperBound, bytes.count))
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }
}

/// A span of a source file, by byte offsets; every AST node and diagnostic carries one.
public struct SourceRange: Sendable {
    public let file: SourceFile
    public let start: Int
    public let end: Int

    public init(file: SourceFile, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// The span from the start of `self` to the end of `other`.
    public func through(_ other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: start, end: max(end, other.end))
    }

    /// `file:line:col` of the start, 1-based.
    public var location: String {
        let (line, column) = file.lineAndColumn(of: start)
        return "\(file.name):\(line):\(column)"
    }

    /// The source text covered.
    public var text: String { file.text(start..<end) }
}
