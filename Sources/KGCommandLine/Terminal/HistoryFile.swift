import Glibc

/// The persistent history: one entry per line, newlines inside an entry escaped as `\n`.
///
/// Each accepted line is appended with `O_APPEND` (one `write`, so concurrent kg sessions
/// interleave whole lines rather than bytes). The file is allowed to grow to twice
/// `maximumCount` lines before it is rewritten to the newest `maximumCount`, through a
/// temporary file and `rename` so a crash never leaves a truncated history.
struct HistoryFile: Sendable {
    let path: String
    let maximumCount: Int
    /// Lines believed to be in the file: counted at `load`, bumped by `append`. Only a
    /// trigger for compaction, which recounts from the file itself.
    private(set) var linesOnDisk = 0

    init(path: String, maximumCount: Int = 1000) {
        self.path = path
        self.maximumCount = max(1, maximumCount)
    }

    /// The newest `maximumCount` entries, oldest first, unescaped. A missing or unreadable
    /// file is an empty history; invalid UTF-8 is replaced, never fatal.
    mutating func load() -> [String] {
        guard let bytes = try? Self.readAll(path) else {
            linesOnDisk = 0
            return []
        }
        let lines = Self.lines(in: bytes)
        linesOnDisk = lines.count
        return lines.suffix(maximumCount).map { Self.unescape(String(decoding: $0, as: UTF8.self)) }
    }

    /// Appends one entry; compacts the file when it has grown past twice `maximumCount`.
    mutating func append(_ entry: String) throws(FileSystemError) {
        let bytes = Array((Self.escape(entry) + "\n").utf8)
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileSystemError(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        try AtomicFile.writeAll(bytes, to: descriptor, path: path)
        linesOnDisk += 1
        if linesOnDisk > 2 * maximumCount {
            try compact()
        }
    }

    /// Rewrites the file to its newest `maximumCount` lines via a temporary file in the same
    /// directory and an atomic `rename`. A symlinked history file stays a symlink: the
    /// link's target is what gets replaced.
    mutating func compact() throws(FileSystemError) {
        let lines = Self.lines(in: try Self.readAll(AtomicFile.resolvedPath(path)))
        let kept = lines.suffix(maximumCount)
        var output: [UInt8] = []
        for line in kept {
            output.append(contentsOf: line)
            output.append(0x0A)
        }
        try AtomicFile.write(output, to: path, newFileMode: 0o600)
        linesOnDisk = kept.count
    }

    // MARK: Escaping

    /// Makes `entry` fit on one line: backslash, newline and carriage return become `\\`,
    /// `\n` and `\r`. Works on scalars because "\r\n" is a single Character.
    static func escape(_ entry: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in entry.unicodeScalars {
            switch scalar {
            case "\\": result.append(contentsOf: "\\\\".unicodeScalars)
            case "\n": result.append(contentsOf: "\\n".unicodeScalars)
            case "\r": result.append(contentsOf: "\\r".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// Inverse of `escape`. Unknown escapes are kept verbatim, so files written by tools
    /// that did not escape backslashes still load unchanged.
    static func unescape(_ line: String) -> String {
        var result = String.UnicodeScalarView()
        var iterator = line.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\\" else {
                result.append(scalar)
                continue
            }
            switch iterator.next() {
            case "\\": result.append("\\")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case let other?:
                result.append(scalar)
                result.append(other)
            case nil:
                result.append(scalar)
            }
        }
        return String(result)
    }

    // MARK: File helpers

    /// Non-empty lines, without their terminators (a CR before LF is dropped too).
    static func lines(in bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: true).compactMap { line in
            let trimmed = line.last == 0x0D ? line.dropLast() : line
            return trimmed.isEmpty ? nil : trimmed
        }
    }

    static func readAll(_ path: String) throws(FileSystemError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemError(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return result }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(operation: "read", path: path, code: errno)
            }
            result.append(contentsOf: chunk[..<count])
        }
    }
}
