/// Recognises the plain ground facts that make up bulk data files — `p(a, 42, "text").` —
/// straight from bytes, so a million-line fact file needs no tokens or syntax trees.
///
/// Anything else (variables, prefixed names, IRIs, decimals, dates, escapes, language tags,
/// comments inside the statement, arity zero) makes it decline, and the full parser reads
/// that statement instead, with its diagnostics. Declining is always safe.
public enum FactScanner {
    /// One argument of a scanned fact.
    public struct Argument {
        public enum Kind: UInt8 { case entity, integer, string }
        public var kind: Kind = .entity
        /// The bytes of an entity name, or of a string's characters (without quotes).
        public var start = 0
        public var end = 0
        /// The value of an integer.
        public var integer: Int64 = 0
        public init() {}
    }

    /// The fact at `start`: its predicate's bytes, its argument count (written to `arguments`,
    /// at most `capacity`) and the offset just after its final `.`; nil to decline.
    public static func scan(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int,
                            into arguments: UnsafeMutablePointer<Argument>, capacity: Int)
        -> (predicate: Range<Int>, count: Int, end: Int)? {
        let n = bytes.count
        var i = start
        @inline(__always) func skipSpaces() {
            while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        }
        @inline(__always) func isNameByte(_ c: UInt8) -> Bool {
            (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95
        }
        guard i < n, bytes[i] >= 97, bytes[i] <= 122 else { return nil }
        while i < n, isNameByte(bytes[i]) { i += 1 }
        let predicate = start..<i
        skipSpaces()
        guard i < n, bytes[i] == 0x28 else { return nil }   // (
        i += 1
        var count = 0
        while true {
            skipSpaces()
            guard i < n, count < capacity else { return nil }
            var argument = Argument()
            let c = bytes[i]
            if c >= 97 && c <= 122 {
                argument.kind = .entity
                argument.start = i
                while i < n, isNameByte(bytes[i]) { i += 1 }
                argument.end = i
            } else if (c >= 48 && c <= 57) || c == 0x2D {
                var negative = false
                if c == 0x2D { negative = true; i += 1 }
                let digitsStart = i
                var value: Int64 = 0
                while i < n, bytes[i] >= 48, bytes[i] <= 57, i - digitsStart < 18 {
                    value = value * 10 + Int64(bytes[i] - 48)
                    i += 1
                }
                guard i > digitsStart, i >= n || !(bytes[i] >= 48 && bytes[i] <= 57) else { return nil }
                argument.kind = .integer
                argument.integer = negative ? -value : value
            } else if c == 0x22 {
                i += 1
                argument.kind = .string
                argument.start = i
                while i < n, bytes[i] != 0x22 {
                    // Escapes, line breaks, NUL and non-ASCII (which needs UTF-8 checks) go to the parser.
                    if bytes[i] == 0x5C || bytes[i] == 0x0A || bytes[i] == 0 || bytes[i] >= 0x80 { return nil }
                    i += 1
                }
                guard i < n else { return nil }
                argument.end = i
                i += 1
            } else {
                return nil
            }
            arguments[count] = argument
            count += 1
            skipSpaces()
            guard i < n else { return nil }
            if bytes[i] == 0x2C { i += 1; continue }   // ,
            if bytes[i] == 0x29 { i += 1; break }      // )
            return nil
        }
        skipSpaces()
        guard i < n, bytes[i] == 0x2E else { return nil }   // .
        i += 1
        // The dot must end the statement (not start a decimal or anything else).
        if i < n, !(bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D) { return nil }
        return (predicate, count, i)
    }
}
