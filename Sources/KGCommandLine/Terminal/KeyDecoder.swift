/// Turns raw terminal input bytes into `Key`s. Pure and incremental: bytes may arrive split
/// anywhere (inside an escape sequence or a UTF-8 character), so undecodable tails stay
/// pending until more bytes come or the caller gives up waiting and calls `flush()`.
///
/// Invalid UTF-8 decodes to U+FFFD rather than failing.
struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []

    /// Longest escape sequence we are willing to buffer; beyond that the bytes are discarded
    /// as `.unknown` so garbage input cannot grow the buffer without bound.
    static let maximumSequenceLength = 32

    /// True when bytes are waiting for the rest of a sequence. The caller should then wait
    /// briefly for more input and call `flush()` if none arrives (a lone Esc press).
    var hasPending: Bool { !pending.isEmpty }

    /// Appends `bytes` and returns every key they complete, in order.
    mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [Key] where Bytes.Element == UInt8 {
        pending.append(contentsOf: bytes)
        return drain(final: false)
    }

    /// No more bytes are coming for now: decodes whatever is pending, reading a lone ESC as
    /// `.escape` and a truncated UTF-8 character as U+FFFD.
    mutating func flush() -> [Key] {
        drain(final: true)
    }

    private mutating func drain(final: Bool) -> [Key] {
        var keys: [Key] = []
        var index = 0
        while index < pending.count {
            guard let (key, length) = Self.decodeOne(pending[index...], final: final) else { break }
            keys.append(key)
            index += length
        }
        pending.removeFirst(index)
        return keys
    }

    // MARK: Decoding one key

    /// Decodes the key at the start of `bytes`. Returns nil when more bytes are needed
    /// (never when `final`). The returned length is always at least 1.
    static func decodeOne(_ bytes: ArraySlice<UInt8>, final: Bool) -> (Key, Int)? {
        guard let first = bytes.first else { return nil }
        switch first {
        case 0x1B:
            return decodeEscape(bytes, final: final)
        case 0x0D, 0x0A:
            return (.enter, 1)
        case 0x09:
            return (.tab, 1)
        case 0x08, 0x7F:
            return (.backspace, 1)
        case 0x00:
            return (.control("@"), 1)
        case 0x01...0x1A:
            return (.control(Character(Unicode.Scalar(first + 0x60))), 1)
        case 0x1C...0x1F:
            return (.control(Character(Unicode.Scalar(first + 0x40))), 1)
        case 0x20...0x7E:
            return (.character(Character(Unicode.Scalar(first))), 1)
        default:
            return decodeUTF8(bytes, final: final)
        }
    }

    private static func decodeEscape(_ bytes: ArraySlice<UInt8>, final: Bool) -> (Key, Int)? {
        let start = bytes.startIndex
        guard bytes.count >= 2 else { return final ? (.escape, 1) : nil }
        let second = bytes[start + 1]
        switch second {
        case UInt8(ascii: "["):
            return decodeCSI(bytes, final: final)
        case UInt8(ascii: "O"):
            guard bytes.count >= 3 else { return final ? (.escape, 1) : nil }
            switch bytes[start + 2] {
            case UInt8(ascii: "A"): return (.up, 3)
            case UInt8(ascii: "B"): return (.down, 3)
            case UInt8(ascii: "C"): return (.right, 3)
            case UInt8(ascii: "D"): return (.left, 3)
            case UInt8(ascii: "H"): return (.home, 3)
            case UInt8(ascii: "F"): return (.end, 3)
            case UInt8(ascii: "c"): return (.wordRight, 3)  // rxvt Ctrl-Right
            case UInt8(ascii: "d"): return (.wordLeft, 3)   // rxvt Ctrl-Left
            case 0x40...0x7E: return (.unknown, 3)  // F1-F4 and friends
            default: return (.meta("O"), 2)  // Alt-Shift-O followed by something else
            }
        case 0x7F, 0x08:
            return (.metaBackspace, 2)
        case 0x20...0x7E:
            return (.meta(Character(Unicode.Scalar(second))), 2)
        default:
            // ESC followed by a control byte, another ESC, or non-ASCII: the ESC stands
            // alone and the next byte is decoded on its own.
            return (.escape, 1)
        }
    }

    /// Parses ESC [ parameters intermediates final (ECMA-48) and maps the sequences the
    /// editor binds. xterm encodes modifiers as the second parameter: 3 = Alt, 5 = Ctrl.
    private static func decodeCSI(_ bytes: ArraySlice<UInt8>, final: Bool) -> (Key, Int)? {
        let start = bytes.startIndex
        var index = start + 2
        var parameters: [UInt8] = []
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case 0x30...0x3F, 0x20...0x2F:
                parameters.append(byte)
                index += 1
                if index - start >= maximumSequenceLength { return (.unknown, index - start) }
            case 0x40...0x7E:
                let length = index - start + 1
                return (mapCSI(parameters: parameters, final: byte), length)
            default:
                // Malformed: drop what we have, decode the offending byte separately.
                return (.unknown, index - start)
            }
        }
        return final ? (.escape, 1) : nil
    }

    private static func mapCSI(parameters: [UInt8], final: UInt8) -> Key {
        let fields = String(decoding: parameters, as: UTF8.self)
            .split(separator: ";", omittingEmptySubsequences: false)
            .map { Int($0) }
        let first = fields.first.flatMap { $0 }
        let modifier = fields.count > 1 ? fields[1] ?? 1 : 1
        let wordModifier = modifier == 3 || modifier == 5 || modifier == 9
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return wordModifier ? .wordRight : .right
        case UInt8(ascii: "D"): return wordModifier ? .wordLeft : .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "~"):
            switch first {
            case 1, 7: return .home
            case 4, 8: return .end
            case 3: return .delete
            default: return .unknown
            }
        default:
            return .unknown
        }
    }

    private static func decodeUTF8(_ bytes: ArraySlice<UInt8>, final: Bool) -> (Key, Int)? {
        let start = bytes.startIndex
        let lead = bytes[start]
        let expected: Int
        switch lead {
        case 0xC2...0xDF: expected = 2
        case 0xE0...0xEF: expected = 3
        case 0xF0...0xF4: expected = 4
        default: return (.character("\u{FFFD}"), 1)
        }
        var length = 1
        while length < expected {
            guard start + length < bytes.endIndex else {
                return final ? (.character("\u{FFFD}"), length) : nil
            }
            let byte = bytes[start + length]
            guard (0x80...0xBF).contains(byte) else { return (.character("\u{FFFD}"), length) }
            length += 1
        }
        let text = String(decoding: bytes[start..<(start + length)], as: UTF8.self)
        // Overlong or surrogate encodings decode to several U+FFFD; keep just one.
        guard let character = text.first else { return (.character("\u{FFFD}"), length) }
        return (.character(text.count == 1 ? character : "\u{FFFD}"), length)
    }
}
