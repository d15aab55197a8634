/// Where a token's text lies: a run of the input bytes, or, when the token held escapes,
/// the scanner's `scratch` buffer (valid until the next token is scanned).
struct TextSpan {
    var start: Int
    var count: Int
    var decoded: Bool
}

/// A cursor over UTF-8 input: positions, errors with line and column, UTF-8 checks and
/// whitespace. The token rules shared by N-Triples, N-Quads and Turtle are in `TermLexer.swift`.
struct ByteScanner {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    var pos: Int
    /// Decoded text of the last token that contained escapes.
    var scratch: [UInt8] = []
    let classes: UnsafePointer<UInt8> = CharacterClasses.table

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        if let base = buffer.baseAddress, buffer.count > 0 {
            bytes = base
            count = buffer.count
        } else {
            bytes = CharacterClasses.table
            count = 0
        }
        pos = 0
        // A UTF-8 byte order mark is not content.
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
        scratch.reserveCapacity(256)
    }

    /// The byte at `offset`, or 0 past the end.
    @inline(__always) func byte(at offset: Int) -> UInt8 {
        offset < count ? bytes[offset] : 0
    }

    /// The current byte, or 0 at the end.
    @inline(__always) var current: UInt8 { pos < count ? bytes[pos] : 0 }

    @inline(__always) var atEnd: Bool { pos >= count }

    @inline(__always) func flags(_ b: UInt8) -> UInt8 { classes[Int(b)] }

    // MARK: Errors

    /// An error at byte `offset`, with its 1-based line and column (columns count characters).
    func error(_ message: String, at offset: Int) -> RDFSyntaxError {
        let target = min(max(offset, 0), count)
        var line = 1
        var lineStart = 0
        var i = 0
        while i < target {
            let b = bytes[i]
            if b == 0x0A || (b == 0x0D && (i + 1 >= count || bytes[i + 1] != 0x0A)) {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        var column = 1
        i = lineStart
        while i < target {
            if bytes[i] & 0xC0 != 0x80 && !(bytes[i] == 0x0D && i + 1 < count && bytes[i + 1] == 0x0A) {
                column += 1
            }
            i += 1
        }
        return RDFSyntaxError(message: message, line: line, column: column)
    }

    /// An error about the character at `offset`, naming it (or the end of input).
    func unexpected(_ what: String, at offset: Int) -> RDFSyntaxError {
        if offset >= count { return error("\(what), found end of input", at: offset) }
        let b = bytes[offset]
        if b == 0x0A || b == 0x0D { return error("\(what), found end of line", at: offset) }
        let c = (try? decodeScalar(at: offset))?.scalar ?? UInt32(b)
        return error("\(what), found \(CharacterClasses.describe(c))", at: offset)
    }

    // MARK: UTF-8

    /// Decodes the UTF-8 sequence starting at `offset`, rejecting malformed input.
    func decodeScalar(at offset: Int) throws -> (scalar: UInt32, length: Int) {
        let b0 = bytes[offset]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: throw error("invalid UTF-8 byte 0x\(String(b0, radix: 16, uppercase: true))", at: offset)
        }
        guard offset + length <= count else { throw error("truncated UTF-8 sequence", at: offset) }
        let b1 = bytes[offset + 1]
        guard b1 >= lower && b1 <= upper else { throw error("invalid UTF-8 sequence", at: offset) }
        var scalar = UInt32(b0) & (0xFF >> (length + 1))
        scalar = scalar << 6 | UInt32(b1 & 0x3F)
        for k in 2..<max(2, length) {
            let b = bytes[offset + k]
            guard b & 0xC0 == 0x80 else { throw error("invalid UTF-8 sequence", at: offset) }
            scalar = scalar << 6 | UInt32(b & 0x3F)
        }
        return (scalar, length)
    }

    /// Appends `scalar` to `scratch` as UTF-8.
    mutating func appendScalar(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Starts decoding a token into `scratch` with the input bytes `start..<pos` seen so far.
    mutating func beginScratch(from start: Int) {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + start, count: pos - start))
    }

    // MARK: Text

    /// Calls `body` with the bytes of `span`.
    @inline(__always)
    func withBytes<R>(_ span: TextSpan, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if span.decoded { return try scratch.withUnsafeBufferPointer(body) }
        return try body(UnsafeBufferPointer(start: bytes + span.start, count: span.count))
    }

    /// The text of `span` (already checked to be valid UTF-8).
    func string(_ span: TextSpan) -> String {
        withBytes(span) { String(decoding: $0, as: UTF8.self) }
    }

    /// The input bytes `start..<end` as a String.
    func string(from start: Int, to end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)
    }

    // MARK: Whitespace

    /// Skips spaces and tabs (N-Triples whitespace within a line).
    @inline(__always) mutating func skipSpaces() {
        while pos < count, bytes[pos] == 0x20 || bytes[pos] == 0x09 { pos += 1 }
    }

    /// Skips a `#` comment up to, not including, the end of the line.
    mutating func skipComment() {
        while pos < count, bytes[pos] != 0x0A && bytes[pos] != 0x0D { pos += 1 }
    }

    /// Skips Turtle whitespace (spaces, tabs, line breaks) and comments.
    mutating func skipWhitespaceAndComments() {
        while pos < count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            case UInt8(ascii: "#"): skipComment()
            default: return
            }
        }
    }
}
