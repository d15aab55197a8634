import Foundation
import KGStore

/// Turns the bytes of a source file into tokens, one at a time (so a million-fact file never
/// exists as a token array). Works on UTF-8 bytes; only names and literals become `String`s.
///
/// Choices where the contract's characters overlap:
/// - `%` starts a comment, except right after an operand and before a number, variable,
///   `(` or `-` on the same line, where it is the remainder operator (`N = A % 2`).
/// - `<` starts an IRI only when a `>` follows with no space between and the text holds `:`;
///   so `X < Y`, `X<=Y` and `count<P>` stay operators.
/// - `2024-10` and `2024-10-10` are dates (write `2024 - 10` to subtract).
/// - keywords such as `not` are whole words: `noto(X)` is an atom.
public struct Lexer {
    public let file: SourceFile
    private let bytes: [UInt8]
    private var position = 0
    private var previousEndsOperand = false
    /// Lexical errors met so far; the lexer skips the bad character and goes on.
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
    }

    /// The current byte offset.
    public var offset: Int { position }

    /// True when nothing but the end of the file is left at `offset`.
    var atEnd: Bool { position >= bytes.count }

    /// Continues lexing at `offset` (after a statement another reader consumed).
    public mutating func reset(to offset: Int) {
        position = offset
        previousEndsOperand = false
    }

    private func peek(_ ahead: Int = 0) -> UInt8 {
        let i = position + ahead
        return i < bytes.count ? bytes[i] : 0
    }

    private mutating func error(_ message: String, _ start: Int, _ end: Int) {
        diagnostics.append(.error(message, at: SourceRange(file: file, start: start, end: end)))
    }

    /// The next token; `.endOfFile` forever at the end.
    public mutating func next() -> Token {
        let token = scan()
        previousEndsOperand = token.endsOperand
        return token
    }

    private mutating func scan() -> Token {
        while true {
            skipTrivia()
            let start = position
            guard position < bytes.count else { return Token(kind: .endOfFile, start: start, end: start) }
            let c = bytes[position]
            if Lexer.isLower(c) { return scanNameOrPrefixed(start) }
            if Lexer.isUpper(c) || c == UInt8(ascii: "_") { return scanVariable(start) }
            if Lexer.isDigit(c) { return scanNumber(start) }
            position += 1
            func tok(_ k: Token.Kind) -> Token { Token(kind: k, start: start, end: position) }
            switch c {
            case UInt8(ascii: "("): return tok(.leftParen)
            case UInt8(ascii: ")"): return tok(.rightParen)
            case UInt8(ascii: ","): return tok(.comma)
            case UInt8(ascii: "."): return tok(.dot)
            case UInt8(ascii: "+"): return tok(.plus)
            case UInt8(ascii: "-"): return tok(.minus)
            case UInt8(ascii: "*"): return tok(.star)
            case UInt8(ascii: "/"): return tok(.slash)
            case UInt8(ascii: "%"): return tok(.percent)   // skipTrivia already took comments
            case UInt8(ascii: ";"): return tok(.semicolon)
            case UInt8(ascii: "{"): return tok(.leftBrace)
            case UInt8(ascii: "}"): return tok(.rightBrace)
            case UInt8(ascii: "^"): return tok(.caret)
            case UInt8(ascii: "="): return tok(.equal)
            case UInt8(ascii: ":"):
                if peek() == UInt8(ascii: "-") { position += 1; return tok(.turnstile) }
                return tok(.colon)
            case UInt8(ascii: "?"):
                if peek() == UInt8(ascii: "-") { position += 1; return tok(.queryMark) }
                error("unexpected character '?'; a query starts with '?-'", start, position)
                continue
            case UInt8(ascii: "!"):
                if peek() == UInt8(ascii: "=") { position += 1; return tok(.notEqual) }
                return tok(.bang)
            case UInt8(ascii: ">"):
                if peek() == UInt8(ascii: "=") { position += 1; return tok(.greaterOrEqual) }
                return tok(.greater)
            case UInt8(ascii: "<"):
                if let iri = scanIRI() { return Token(kind: .iri(iri), start: start, end: position) }
                if peek() == UInt8(ascii: "=") { position += 1; return tok(.lessOrEqual) }
                return tok(.less)
            case UInt8(ascii: "\""): return scanString(start)
            case UInt8(ascii: "@"):
                var end = position
                while end < bytes.count, Lexer.isNameChar(bytes[end]) { end += 1 }
                if end > position {
                    let name = String(decoding: bytes[position..<end], as: UTF8.self)
                    position = end
                    return Token(kind: .directive(name), start: start, end: end)
                }
                error("expected a directive name after '@'", start, position)
                continue
            default:
                position = start
                let bad = badCharacter()
                // A run of the same bad character is one error, not one per character (a line
                // of 2000 brackets would otherwise print the line 2000 times).
                let width = position - start
                var run = 1
                while position + width <= bytes.count, bytes[position..<position + width].elementsEqual(bytes[start..<start + width]) {
                    position += width
                    run += 1
                }
                error("unexpected character \(bad)" + (run > 1 ? " (\(run) in a row)" : ""), start, position)
                continue
            }
        }
    }

    /// Consumes one (possibly multi-byte, possibly invalid) character and describes it.
    private mutating func badCharacter() -> String {
        let c = bytes[position]
        var length = 1
        if c >= 0xC0 { length = c >= 0xF0 ? 4 : (c >= 0xE0 ? 3 : 2) }
        let end = min(bytes.count, position + length)
        let slice = bytes[position..<end]
        position = end
        if c < 0x20 || c == 0x7F { return "(control byte 0x\(String(c, radix: 16, uppercase: true)))" }
        if let s = String(validating: slice, as: UTF8.self) { return "'\(s)'" }
        return "(invalid UTF-8 byte 0x\(String(c, radix: 16, uppercase: true)))"
    }

    /// Moves past spaces, line breaks and comments (reporting an unterminated `/*`).
    mutating func skipTrivia() {
        while position < bytes.count {
            let c = bytes[position]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                position += 1
            } else if c == UInt8(ascii: "%") && !percentIsOperator() {
                skipLine()
            } else if c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "/") {
                skipLine()
            } else if c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                let start = position
                position += 2
                var closed = false
                while position < bytes.count {
                    if bytes[position] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
                        position += 2
                        closed = true
                        break
                    }
                    position += 1
                }
                if !closed { error("unterminated comment: '/*' has no matching '*/'", start, start + 2) }
            } else {
                return
            }
        }
    }

    private mutating func skipLine() {
        while position < bytes.count && bytes[position] != 0x0A { position += 1 }
    }

    /// `%` after an operand and before a number, variable, `(` or `-` is the remainder operator.
    private func percentIsOperator() -> Bool {
        guard previousEndsOperand else { return false }
        var i = position + 1
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        guard i < bytes.count else { return false }
        let c = bytes[i]
        return Lexer.isDigit(c) || Lexer.isUpper(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "(")
            || c == UInt8(ascii: "-")
    }

    private mutating func scanNameOrPrefixed(_ start: Int) -> Token {
        while position < bytes.count, Lexer.isNameChar(bytes[position]) { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        // `ex:alice` — a colon directly followed by a name character (`done:-` is not one).
        if peek() == UInt8(ascii: ":"), Lexer.isNameChar(peek(1)) {
            position += 1
            let localStart = position
            while position < bytes.count, Lexer.isNameChar(bytes[position]) || bytes[position] == UInt8(ascii: "-")
                    || (bytes[position] == UInt8(ascii: ".") && Lexer.isNameChar(peek(1))) {
                position += 1
            }
            let local = String(decoding: bytes[localStart..<position], as: UTF8.self)
            return Token(kind: .prefixedName(prefix: name, local: local), start: start, end: position)
        }
        return Token(kind: .name(name), start: start, end: position)
    }

    private mutating func scanVariable(_ start: Int) -> Token {
        while position < bytes.count, Lexer.isNameChar(bytes[position]) { position += 1 }
        if position - start == 1 && bytes[start] == UInt8(ascii: "_") {
            return Token(kind: .anonymous, start: start, end: position)
        }
        return Token(kind: .variable(String(decoding: bytes[start..<position], as: UTF8.self)), start: start, end: position)
    }

    private mutating func scanNumber(_ start: Int) -> Token {
        while position < bytes.count, Lexer.isDigit(bytes[position]) { position += 1 }
        let digits = position - start
        // Dates: YYYY-MM or YYYY-MM-DD, written without spaces.
        if digits == 4, peek() == UInt8(ascii: "-"), Lexer.isDigit(peek(1)), Lexer.isDigit(peek(2)), !Lexer.isDigit(peek(3)) {
            var end = position + 3
            if end < bytes.count, bytes[end] == UInt8(ascii: "-"), Lexer.isDigitAt(bytes, end + 1),
               Lexer.isDigitAt(bytes, end + 2), !Lexer.isDigitAt(bytes, end + 3) {
                end += 3
            }
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            position = end
            if let date = KGDate(iso: text) { return Token(kind: .date(date), start: start, end: end) }
            error("invalid date '\(text)': month must be 01-12 and the day must exist in that month", start, end)
            return Token(kind: .date(KGDate(year: 1, month: 1)), start: start, end: end)
        }
        if peek() == UInt8(ascii: "."), Lexer.isDigit(peek(1)) {
            position += 1
            while position < bytes.count, Lexer.isDigit(bytes[position]) { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? 0
            return Token(kind: .decimal(value), start: start, end: position)
        }
        var value: UInt64 = 0
        var overflow = false
        for i in start..<position {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(bytes[i] - 48))
            overflow = overflow || o1 || o2
            value = s
        }
        if overflow {
            error("integer literal is too large for a 64-bit integer", start, position)
            value = 0
        }
        return Token(kind: .integer(value), start: start, end: position)
    }

    /// At `<`: returns an IRI when a `>` follows with no space, quote or bracket between and the
    /// text holds a colon; otherwise leaves the position unchanged.
    private mutating func scanIRI() -> String? {
        var i = position
        var sawColon = false
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: ">") {
                guard sawColon, i > position else { return nil }
                let iri = String(decoding: bytes[position..<i], as: UTF8.self)
                position = i + 1
                return iri
            }
            if c <= 0x20 || c == UInt8(ascii: "<") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "{")
                || c == UInt8(ascii: "}") || c == UInt8(ascii: "|") || c == UInt8(ascii: "^")
                || c == UInt8(ascii: "`") || c == UInt8(ascii: "\\") || c == UInt8(ascii: ",") || c == UInt8(ascii: "(")
                || c == UInt8(ascii: ")") {
                return nil
            }
            if c == UInt8(ascii: ":") { sawColon = true }
            i += 1
        }
        return nil
    }

    private mutating func scanString(_ start: Int) -> Token {
        var scalars = String.UnicodeScalarView()
        var segmentStart = position
        var invalid: Int?
        func flush(_ upTo: Int) {
            if upTo > segmentStart {
                let slice = bytes[segmentStart..<upTo]
                if invalid == nil, String(validating: slice, as: UTF8.self) == nil {
                    invalid = segmentStart + (slice.firstIndex { $0 >= 0x80 } ?? segmentStart) - segmentStart
                }
                scalars.append(contentsOf: String(decoding: slice, as: UTF8.self).unicodeScalars)
            }
        }
        while true {
            guard position < bytes.count, bytes[position] != 0x0A else {
                error("unterminated string: missing closing '\"'", start, start + 1)
                flush(position)
                return Token(kind: .string(String(scalars), language: nil), start: start, end: position)
            }
            let c = bytes[position]
            if c == UInt8(ascii: "\"") {
                flush(position)
                position += 1
                break
            }
            if c == 0 {
                error("NUL byte inside a string; write \\u0000 if it is meant", position, position + 1)
            }
            if c == UInt8(ascii: "\\") {
                flush(position)
                let escapeStart = position
                position += 1
                let e = peek()
                position += 1
                switch e {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let count = e == UInt8(ascii: "u") ? 4 : 8
                    let hexEnd = min(bytes.count, position + count)
                    let hex = String(decoding: bytes[position..<hexEnd], as: UTF8.self)
                    if hex.count == count, hex.allSatisfy(\.isHexDigit), let v = UInt32(hex, radix: 16),
                       let scalar = Unicode.Scalar(v) {
                        scalars.append(scalar)
                        position = hexEnd
                    } else {
                        error("invalid escape: '\\\(Character(UnicodeScalar(e)))' needs \(count) hex digits naming a Unicode scalar", escapeStart, hexEnd)
                    }
                default:
                    let shown = e == 0 ? "end of input" : "'\\\(Character(UnicodeScalar(e)))'"
                    error("invalid escape \(shown) in string: use \\\" \\\\ \\n \\t \\r or \\uXXXX", escapeStart, position)
                }
                segmentStart = position
                continue
            }
            position += 1
        }
        if let at = invalid {
            error("invalid UTF-8 inside a string: kg reads files as UTF-8", at, at + 1)
        }
        var language: String?
        if peek() == UInt8(ascii: "@"), Lexer.isLetter(peek(1)) {
            position += 1
            let tagStart = position
            while position < bytes.count, Lexer.isLetter(bytes[position]) || Lexer.isDigit(bytes[position])
                    || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            language = String(decoding: bytes[tagStart..<position], as: UTF8.self).lowercased()
        }
        return Token(kind: .string(String(scalars), language: language), start: start, end: position)
    }

    // MARK: - Character classes

    @inline(__always) static func isLower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
    @inline(__always) static func isUpper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { isLower(c) || isUpper(c) }
    @inline(__always) static func isNameChar(_ c: UInt8) -> Bool {
        isLower(c) || isUpper(c) || isDigit(c) || c == UInt8(ascii: "_")
    }
    static func isDigitAt(_ bytes: [UInt8], _ i: Int) -> Bool { i < bytes.count && isDigit(bytes[i]) }
}
