/// Percent-encoding of request targets and query strings (RFC 3986), strictly: a `%` not
/// followed by two hex digits, or bytes that do not decode to UTF-8, are errors (the parser
/// answers 400), never replaced or guessed.
public enum URLEncoding {
    /// Why a target could not be decoded.
    public struct DecodingError: Error, Sendable, Equatable {
        public let message: String
    }

    /// Decodes `%XX` escapes (and, in query strings, `+` as a space) and checks the result is
    /// UTF-8 without NUL.
    public static func decode<S: Sequence>(_ bytes: S, plusIsSpace: Bool) throws(DecodingError) -> String where S.Element == UInt8 {
        var out: [UInt8] = []
        var iterator = bytes.makeIterator()
        while let b = iterator.next() {
            switch b {
            case UInt8(ascii: "%"):
                guard let h = iterator.next(), let l = iterator.next(), let hi = hexValue(h), let lo = hexValue(l) else {
                    throw DecodingError(message: "bad percent-encoding: '%' must be followed by two hex digits")
                }
                out.append(hi << 4 | lo)
            case UInt8(ascii: "+") where plusIsSpace:
                out.append(UInt8(ascii: " "))
            default:
                out.append(b)
            }
        }
        if out.contains(0) { throw DecodingError(message: "bad encoding: the request target holds a NUL byte") }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw DecodingError(message: "bad encoding: the request target does not decode to UTF-8")
        }
        return text
    }

    /// Splits `a=1&b=2` into decoded pairs; a name without `=` has an empty value.
    public static func decodeQuery(_ bytes: ArraySlice<UInt8>) throws(DecodingError) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        for part in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let eq = part.firstIndex(of: UInt8(ascii: "=")) {
                pairs.append((try decode(part[..<eq], plusIsSpace: true), try decode(part[(eq + 1)...], plusIsSpace: true)))
            } else {
                pairs.append((try decode(part, plusIsSpace: true), ""))
            }
        }
        return pairs
    }

    /// Encodes a query parameter value: everything but unreserved characters is `%XX`.
    public static func encodeComponent(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            if isUnreserved(b) {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out += "%" + String(hexDigits[Int(b >> 4)]) + String(hexDigits[Int(b & 0xF)])
            }
        }
        return out
    }

    private static let hexDigits = Array("0123456789ABCDEF")

    static func isUnreserved(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
            || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}
