/// Which prefix names and local names Turtle can write bare (PN_PREFIX, PN_LOCAL).
enum TurtleNames {
    /// PN_PREFIX, or the empty prefix.
    static func isPrefixName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return true }
        guard CharacterClasses.isPNCharsBase(first.value), last != "." else { return false }
        return scalars.dropFirst().allSatisfy { $0 == "." || CharacterClasses.isPNChars($0.value) }
    }

    /// PN_LOCAL written without backslash escapes (`%XX` allowed); may be empty.
    static func isLocalName(_ local: Substring) -> Bool {
        var text = String(local)
        return text.withUTF8 { isLocalName($0) }
    }

    /// `isLocalName` over valid UTF-8 bytes.
    static func isLocalName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = bytes.last else { return true }
        if last == UInt8(ascii: ".") { return false }
        var i = 0
        var first = true
        while i < bytes.count {
            let b = bytes[i]
            var c = UInt32(b)
            var length = 1
            if b >= 0x80 {
                length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                guard i + length <= bytes.count else { return false }
                c = UInt32(b) & (0xFF >> (length + 1))
                for k in 1..<length { c = c << 6 | UInt32(bytes[i + k] & 0x3F) }
            }
            if c == 0x25 {  // '%' HEX HEX
                guard i + 2 < bytes.count, CharacterClasses.hexValue(bytes[i + 1]) != nil,
                      CharacterClasses.hexValue(bytes[i + 2]) != nil else { return false }
                length = 3
            } else if first {
                guard CharacterClasses.isPNCharsU(c) || c == 0x3A || (c >= 0x30 && c <= 0x39) else { return false }
            } else {
                guard CharacterClasses.isPNChars(c) || c == 0x3A || c == 0x2E else { return false }
            }
            first = false
            i += length
        }
        return true
    }

    private static func isHex(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && CharacterClasses.hexValue(UInt8(c.value)) != nil
    }
}
