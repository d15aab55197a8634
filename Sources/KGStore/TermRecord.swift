import Foundation

/// What a dictionary id stands for, in `TermDictionary`'s kind byte.
enum TermKind: UInt8 {
    case entity, iri, blankNode, string, languageString, integer, decimal, date, typedLiteral
}

/// How `TermDictionary` stores a term: inline in the 64-bit payload (integers, dates), in the
/// side array of decimals, or as a record of one or two texts in the arena.
enum TermEncoding {
    case inline(TermKind, UInt64)
    case decimal(Decimal)
    /// `second` is nil for one-part records (entity, IRI, blank node, plain string).
    case text(TermKind, String, String?)

    init(_ term: Term) {
        switch term {
        case .entity(let s): self = .text(.entity, s, nil)
        case .iri(let s): self = .text(.iri, s, nil)
        case .blankNode(let s): self = .text(.blankNode, s, nil)
        case .string(let s, nil): self = .text(.string, s, nil)
        case .string(let s, let language?): self = .text(.languageString, s, language)
        case .integer(let i): self = .inline(.integer, UInt64(bitPattern: i))
        case .decimal(let d): self = .decimal(d)
        case .date(let d):
            self = .inline(.date, UInt64(bitPattern: Int64(d.year) << 16) | UInt64(d.month) << 8 | UInt64(d.day))
        case .typedLiteral(let lexical, let datatype): self = .text(.typedLiteral, lexical, datatype)
        }
    }
}

/// The arena's record of a textual term: each text as a LEB128 length and its UTF-8 bytes,
/// one text for entities, IRIs, blank nodes and plain strings, two for language strings
/// (text, tag) and typed literals (lexical form, datatype). Records are prefix-free, so a
/// complete record compares equal to the bytes at an offset only if it is the record there.
enum TermRecord {
    static func encode(_ first: String, _ second: String?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(first.utf8.count + (second?.utf8.count ?? 0) + 4)
        appendLength(first.utf8.count, to: &out)
        out.append(contentsOf: first.utf8)
        if let second {
            appendLength(second.utf8.count, to: &out)
            out.append(contentsOf: second.utf8)
        }
        return out
    }

    @inline(__always)
    static func appendLength(_ length: Int, to out: inout [UInt8]) {
        var n = UInt(length)
        while n >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: n) | 0x80)
            n >>= 7
        }
        out.append(UInt8(n))
    }

    /// Reads a length at `p`, moving `p` past it.
    @inline(__always)
    static func readLength(_ a: UnsafeBufferPointer<UInt8>, _ p: inout Int) -> Int {
        var n = 0, shift = 0
        while p < a.count {
            let b = a[p]
            p += 1
            n |= Int(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return n
    }

    /// Reads a length and that many bytes as text at `p`, moving `p` past them.
    static func readText(_ a: UnsafeBufferPointer<UInt8>, _ p: inout Int) -> String {
        let length = readLength(a, &p)
        let end = min(p + length, a.count)
        defer { p = end }
        return String(decoding: UnsafeBufferPointer(rebasing: a[p ..< end]), as: UTF8.self)
    }
}
