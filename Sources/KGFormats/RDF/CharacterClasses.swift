/// Byte and code-point classes of the W3C N-Triples / Turtle grammars.
enum CharacterClasses {
    /// ASCII byte allowed unescaped inside `<...>`: not `#x00-#x20 < > " { } | ^ \` \\`.
    static let iri: UInt8 = 1 << 0
    /// ASCII PN_CHARS_U: `A-Z a-z _`.
    static let pnCharsU: UInt8 = 1 << 1
    /// ASCII PN_CHARS: PN_CHARS_U, `-`, `0-9`.
    static let pnChars: UInt8 = 1 << 2
    /// ASCII PN_CHARS_BASE: `A-Z a-z`.
    static let alpha: UInt8 = 1 << 3
    /// `0-9`.
    static let digit: UInt8 = 1 << 4
    /// Ends a run of plain string content: `" ' \\ LF CR`.
    static let stringStop: UInt8 = 1 << 5
    /// Characters that may follow `\` in a Turtle local name (PN_LOCAL_ESC).
    static let localEscape: UInt8 = 1 << 6

    /// Flags for the 128 ASCII bytes; bytes >= 0x80 have none.
    nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        t.initialize(repeating: 0, count: 256)
        for b in 0x21..<0x80 where !Array("<>\"{}|^`\\".utf8).contains(UInt8(b)) && b != 0x7F {
            t[b] |= iri
        }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] |= pnCharsU | pnChars | alpha }
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] |= pnCharsU | pnChars | alpha }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] |= pnChars | digit }
        t[Int(UInt8(ascii: "_"))] |= pnCharsU | pnChars
        t[Int(UInt8(ascii: "-"))] |= pnChars
        for b in Array("\"'\\\n\r".utf8) { t[Int(b)] |= stringStop }
        for b in Array("_~.-!$&'()*+,;=/?#@%".utf8) { t[Int(b)] |= localEscape }
        return UnsafePointer(t)
    }()

    @inline(__always) static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b &- UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b &- UInt8(ascii: "a") &+ 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b &- UInt8(ascii: "A") &+ 10)
        default: return nil
        }
    }

    /// PN_CHARS_BASE for any code point.
    static func isPNCharsBase(_ c: UInt32) -> Bool {
        switch c {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D,
             0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF,
             0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return true
        default:
            return false
        }
    }

    /// PN_CHARS_U: PN_CHARS_BASE or `_`.
    static func isPNCharsU(_ c: UInt32) -> Bool { c == 0x5F || isPNCharsBase(c) }

    /// PN_CHARS: PN_CHARS_U, `-`, digits, U+00B7, U+0300–U+036F, U+203F–U+2040.
    static func isPNChars(_ c: UInt32) -> Bool {
        switch c {
        case 0x2D, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return isPNCharsU(c)
        }
    }

    /// A readable rendering of a byte or code point for error messages.
    static func describe(_ c: UInt32) -> String {
        if c > 0x20 && c < 0x7F, let scalar = Unicode.Scalar(c) { return "'\(Character(scalar))'" }
        let hex = String(c, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
