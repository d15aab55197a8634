/// The terminals N-Triples, N-Quads and Turtle share: IRIREF, string literals, escapes,
/// LANGTAG and BLANK_NODE_LABEL. Each scanner starts at the token's first byte and leaves
/// `pos` just after it.
extension ByteScanner {
    /// IRIREF: `<` ([^#x00-#x20<>"{}|^`\] | UCHAR)* `>`; the span excludes the brackets.
    mutating func scanIRIRef() throws -> TextSpan {
        let start = pos + 1
        // Fast path: plain ASCII up to '>'.
        var p = start
        let bytes = self.bytes, classes = self.classes, count = self.count
        while p < count && classes[Int(bytes[p])] & CharacterClasses.iri != 0 { p += 1 }
        if p < count && bytes[p] == UInt8(ascii: ">") {
            pos = p + 1
            return TextSpan(start: start, count: p - start, decoded: false)
        }
        pos = p
        var decoded = false
        while true {
            guard pos < count else { throw error("unterminated IRI: missing '>'", at: pos) }
            let b = bytes[pos]
            if b < 0x80 {
                if flags(b) & CharacterClasses.iri != 0 {
                    if decoded { scratch.append(b) }
                    pos += 1
                    continue
                }
                if b == UInt8(ascii: ">") { break }
                if b == UInt8(ascii: "\\") {
                    if !decoded { beginScratch(from: start); decoded = true }
                    let escape = pos, before = scratch.count
                    try appendEscape(allowCharacterEscapes: false)
                    // A UCHAR spells a character, it does not exempt one: the characters
                    // IRIREF leaves out are left out however they are written (W3C
                    // turtle-syntax-bad-uri-escape-01..03).
                    if scratch.count == before + 1, let c = scratch.last, c < 0x80, flags(c) & CharacterClasses.iri == 0 {
                        let written = withBytes(TextSpan(start: escape, count: pos - escape, decoded: false)) { String(decoding: $0, as: UTF8.self) }
                        throw error("the escape \(written) stands for \(CharacterClasses.describe(UInt32(c))), which is not allowed in an IRI, escaped or not (write it percent-encoded, as %\(String(c, radix: 16, uppercase: true).count == 1 ? "0" : "")\(String(c, radix: 16, uppercase: true)))", at: escape)
                    }
                    continue
                }
                if b == 0x0A || b == 0x0D { throw error("unterminated IRI: missing '>'", at: pos) }
                throw error("character \(CharacterClasses.describe(UInt32(b))) is not allowed in an IRI", at: pos)
            }
            let length = try decodeScalar(at: pos).length
            if decoded { scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + pos, count: length)) }
            pos += length
        }
        let span = TextSpan(start: start, count: decoded ? scratch.count : pos - start, decoded: decoded)
        pos += 1
        return span
    }

    /// Decodes the escape at `pos` (a backslash) into `scratch`: UCHAR (`\uXXXX`,
    /// `\UXXXXXXXX`) and, in strings, ECHAR (`\t \b \n \r \f \" \' \\`).
    mutating func appendEscape(allowCharacterEscapes: Bool) throws {
        let kind = byte(at: pos + 1)
        let digits: Int
        switch kind {
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        default:
            if allowCharacterEscapes {
                let decodedByte: UInt8?
                switch kind {
                case UInt8(ascii: "t"): decodedByte = 0x09
                case UInt8(ascii: "b"): decodedByte = 0x08
                case UInt8(ascii: "n"): decodedByte = 0x0A
                case UInt8(ascii: "r"): decodedByte = 0x0D
                case UInt8(ascii: "f"): decodedByte = 0x0C
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): decodedByte = kind
                default: decodedByte = nil
                }
                if let decodedByte {
                    scratch.append(decodedByte)
                    pos += 2
                    return
                }
                throw unexpected("invalid escape sequence: expected one of t b n r f \" ' \\ u U after '\\'", at: pos + 1)
            }
            throw unexpected("invalid escape in IRI: only \\u and \\U are allowed", at: pos + 1)
        }
        var scalar: UInt32 = 0
        for k in 0..<digits {
            let offset = pos + 2 + k
            guard offset < count, let h = CharacterClasses.hexValue(bytes[offset]) else {
                throw unexpected("invalid \\\(Character(Unicode.Scalar(kind))) escape: expected \(digits) hex digits", at: offset)
            }
            scalar = scalar << 4 | h
        }
        guard scalar < 0xD800 || (scalar > 0xDFFF && scalar <= 0x10FFFF) else {
            throw error("escape \\\(Character(Unicode.Scalar(kind)))\(String(scalar, radix: 16, uppercase: true)) is not a Unicode scalar value", at: pos)
        }
        appendScalar(scalar)
        pos += 2 + digits
    }

    /// STRING_LITERAL_QUOTE / STRING_LITERAL_SINGLE_QUOTE: no raw line breaks.
    mutating func scanShortString(quote: UInt8) throws -> TextSpan {
        let start = pos + 1
        // Fast path: no escapes, line breaks or quotes before the closing quote; non-ASCII
        // is validated as it goes.
        var p = start
        while p < count {
            let b = bytes[p]
            if b < 0x80 {
                if classes[Int(b)] & CharacterClasses.stringStop != 0 { break }
                p += 1
            } else {
                p += try decodeScalar(at: p).length
            }
        }
        if p < count && bytes[p] == quote {
            pos = p + 1
            return TextSpan(start: start, count: p - start, decoded: false)
        }
        pos = p
        var decoded = false
        while true {
            guard pos < count else { throw error("unterminated string: missing closing quote", at: pos) }
            let b = bytes[pos]
            if b < 0x80 {
                if flags(b) & CharacterClasses.stringStop == 0 || (b != quote && (b == 0x22 || b == 0x27)) {
                    if decoded { scratch.append(b) }
                    pos += 1
                    continue
                }
                if b == quote { break }
                if b == UInt8(ascii: "\\") {
                    if !decoded { beginScratch(from: start); decoded = true }
                    try appendEscape(allowCharacterEscapes: true)
                    continue
                }
                throw error("unterminated string: line break before the closing quote (use \\n)", at: pos)
            }
            let length = try decodeScalar(at: pos).length
            if decoded { scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + pos, count: length)) }
            pos += length
        }
        let span = TextSpan(start: start, count: decoded ? scratch.count : pos - start, decoded: decoded)
        pos += 1
        return span
    }

    /// STRING_LITERAL_LONG_QUOTE / STRING_LITERAL_LONG_SINGLE_QUOTE; `pos` is at the first
    /// of the three opening quotes. Line breaks and lone quotes are content.
    mutating func scanLongString(quote: UInt8) throws -> TextSpan {
        let open = pos
        let start = pos + 3
        pos = start
        var decoded = false
        while true {
            guard pos < count else { throw error("unterminated long string: missing \(String(repeating: String(Unicode.Scalar(quote)), count: 3))", at: open) }
            let b = bytes[pos]
            if b == quote && byte(at: pos + 1) == quote && byte(at: pos + 2) == quote { break }
            if b == UInt8(ascii: "\\") {
                if !decoded { beginScratch(from: start); decoded = true }
                try appendEscape(allowCharacterEscapes: true)
                continue
            }
            let length = try b < 0x80 ? 1 : decodeScalar(at: pos).length
            if decoded { scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + pos, count: length)) }
            pos += length
        }
        let span = TextSpan(start: start, count: decoded ? scratch.count : pos - start, decoded: decoded)
        pos += 3
        return span
    }

    /// LANGTAG: `@` [a-zA-Z]+ (`-` [a-zA-Z0-9]+)*; returns the tag without `@`.
    mutating func scanLanguageTag() throws -> String {
        let start = pos + 1
        pos = start
        while pos < count, flags(bytes[pos]) & CharacterClasses.alpha != 0 { pos += 1 }
        guard pos > start else { throw unexpected("invalid language tag: expected a letter after '@'", at: pos) }
        while pos < count, bytes[pos] == UInt8(ascii: "-") {
            let subtag = pos + 1
            pos = subtag
            while pos < count, flags(bytes[pos]) & (CharacterClasses.alpha | CharacterClasses.digit) != 0 { pos += 1 }
            guard pos > subtag else { throw unexpected("invalid language tag: expected a letter or digit after '-'", at: pos) }
        }
        if pos < count, flags(bytes[pos]) & CharacterClasses.pnChars != 0 {
            throw unexpected("invalid language tag", at: pos)
        }
        return string(from: start, to: pos)
    }

    /// BLANK_NODE_LABEL: `_:` (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?; the span is
    /// the label without `_:`.
    mutating func scanBlankNodeLabel() throws -> TextSpan {
        guard byte(at: pos + 1) == UInt8(ascii: ":") else {
            throw unexpected("expected ':' after '_' in a blank node label", at: pos + 1)
        }
        let start = pos + 2
        pos = start
        guard pos < count else { throw unexpected("expected a blank node label after '_:'", at: pos) }
        let first = try decodeScalar(at: pos)
        guard CharacterClasses.isPNCharsU(first.scalar) || (first.scalar >= 0x30 && first.scalar <= 0x39) else {
            throw unexpected("invalid blank node label", at: pos)
        }
        pos += first.length
        var end = pos
        while pos < count {
            let b = bytes[pos]
            if b < 0x80 {
                if flags(b) & CharacterClasses.pnChars != 0 { pos += 1; end = pos; continue }
                if b == UInt8(ascii: ".") { pos += 1; continue }
                break
            }
            let next = try decodeScalar(at: pos)
            guard CharacterClasses.isPNChars(next.scalar) else { break }
            pos += next.length
            end = pos
        }
        // A label does not end with '.': trailing dots end the statement.
        pos = end
        return TextSpan(start: start, count: end - start, decoded: false)
    }

    /// True when the IRI has a scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`).
    static func isAbsoluteIRI(_ iri: UnsafeBufferPointer<UInt8>) -> Bool {
        let table = CharacterClasses.table
        guard let first = iri.first, table[Int(first)] & CharacterClasses.alpha != 0 else { return false }
        for b in iri.dropFirst() {
            if b == UInt8(ascii: ":") { return true }
            let f = table[Int(b)]
            guard f & (CharacterClasses.alpha | CharacterClasses.digit) != 0
                || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") else { return false }
        }
        return false
    }
}
