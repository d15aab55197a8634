/// How many terminal columns text occupies, and how characters that cannot be shown raw
/// are drawn. Approximates wcwidth without depending on the C locale (which is "C" unless
/// the program calls setlocale, making wcwidth useless for non-ASCII).
enum DisplayWidth {
    /// Columns for one Character as drawn by `visible(_:)`: 2 for East Asian wide/fullwidth
    /// and emoji, 2 for control characters (drawn as ^X), 0 for a lone combining mark,
    /// otherwise 1 ("á", "ñ" and other precomposed or combined Latin letters are 1).
    static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x20 || first.value == 0x7F { return 2 }
        if (0x80..<0xA0).contains(first.value) { return 1 }
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if first.properties.isEmojiPresentation { return 2 }
        if isWide(first.value) { return 2 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return 0
        default:
            return 1
        }
    }

    /// Columns for `text`, ignoring ANSI CSI sequences (ESC [ ... final) so that a coloured
    /// prompt measures as its visible text.
    static func of(_ text: String) -> Int {
        visibleCharacters(of: text).reduce(0) { $0 + of($1) }
    }

    /// The text to print for a Character in the edit line: control characters in caret
    /// notation (a recalled multi-line entry shows its newlines as ^J), C1 controls as U+FFFD.
    static func visible(_ character: Character) -> String {
        guard let first = character.unicodeScalars.first else { return "" }
        if first.value < 0x20 { return "^" + String(Character(Unicode.Scalar(UInt8(first.value) + 0x40))) }
        if first.value == 0x7F { return "^?" }
        if (0x80..<0xA0).contains(first.value) { return "\u{FFFD}" }
        return String(character)
    }

    private static func visibleCharacters(of text: String) -> String {
        var scalars = text.unicodeScalars.makeIterator()
        var plain = String.UnicodeScalarView()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else {
                plain.append(scalar)
                continue
            }
            guard let next = scalars.next() else { break }
            guard next == "[" else { continue }  // two-byte escape: skip both
            while let byte = scalars.next(), !(0x40...0x7E).contains(byte.value) {}
        }
        return String(plain)
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15, abridged to the blocks that matter).
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E,
             0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
             0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
             0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
