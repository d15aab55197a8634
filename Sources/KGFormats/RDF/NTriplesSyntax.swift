import KGStore

/// How terms are spelled in N-Triples (and, for IRIs and strings, in Turtle too): escaping
/// that keeps any text readable back exactly.
enum NTriplesSyntax {
    /// `<iri>`, with characters IRIREF forbids written as `\u00XX`.
    static func iri(_ iri: String, into out: inout String) {
        out += "<"
        let table = CharacterClasses.table
        if allBytes(of: iri, satisfy: { $0 >= 0x80 || table[Int($0)] & CharacterClasses.iri != 0 }) {
            out += iri
        } else {
            for scalar in iri.unicodeScalars {
                let v = scalar.value
                if v < 0x80 && table[Int(v)] & CharacterClasses.iri == 0 {
                    out += uchar(v)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += ">"
    }

    /// `"text"`: `\t \b \n \f \r \" \\` as ECHAR, other control characters as `\u00XX`.
    static func quoted(_ text: String, into out: inout String) {
        out += "\""
        var text = text
        text.withUTF8 { bytes in
            var escaped: [UInt8]?
            var runStart = 0
            for (i, b) in bytes.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
                if escaped == nil { escaped = []; escaped?.reserveCapacity(bytes.count + 16) }
                escaped?.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                switch b {
                case 0x09: escaped?.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: escaped?.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0A: escaped?.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0C: escaped?.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0x0D: escaped?.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x22: escaped?.append(contentsOf: [0x5C, 0x22])
                case 0x5C: escaped?.append(contentsOf: [0x5C, 0x5C])
                default: escaped?.append(contentsOf: uchar(UInt32(b)).utf8)
                }
                runStart = i + 1
            }
            guard var escaped else {
                out += String(decoding: bytes, as: UTF8.self)
                return
            }
            escaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            out += String(decoding: escaped, as: UTF8.self)
        }
        out += "\""
    }

    /// `KGDate.description`, without `String(format:)` for the usual years 0...9999.
    static func dateText(_ date: KGDate) -> String {
        guard (0...9999).contains(date.year), date.month < 100, date.day < 100 else { return date.description }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        func append(_ value: Int, digits: Int) {
            var divisor = 1
            for _ in 1..<digits { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        append(Int(date.year), digits: 4)
        bytes.append(UInt8(ascii: "-"))
        append(Int(date.month), digits: 2)
        if date.hasDay {
            bytes.append(UInt8(ascii: "-"))
            append(Int(date.day), digits: 2)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True when every UTF-8 byte of `text` passes `test` (a fast scan of contiguous storage).
    @inline(__always)
    static func allBytes(of text: String, satisfy test: (UInt8) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            for b in buffer where !test(b) { return false }
            return true
        }
    }

    /// `\u00XX` with uppercase hex.
    static func uchar(_ v: UInt32) -> String {
        let hex = String(v, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `_:label`; a label the grammar would not accept is rewritten as `x` + its UTF-8 in hex.
    static func blankNode(_ label: String, into out: inout String) {
        out += "_:"
        if isBlankNodeLabel(label) {
            out += label
        } else {
            out += "x"
            for b in label.utf8 {
                let hex = String(b, radix: 16)
                out += hex.count == 1 ? "0" + hex : hex
            }
        }
    }

    /// BLANK_NODE_LABEL without `_:`.
    static func isBlankNodeLabel(_ label: String) -> Bool {
        let scalars = Array(label.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, last != "." else { return false }
        guard CharacterClasses.isPNCharsU(first.value) || ("0"..."9").contains(first) else { return false }
        return scalars.dropFirst().allSatisfy { $0 == "." || CharacterClasses.isPNChars($0.value) }
    }

    /// The literal form of a kg number or date: lexical form and datatype.
    static func typedForm(of term: Term) -> (lexical: String, datatype: String)? {
        switch term {
        case .integer(let i): return (String(i), XSD.integer)
        case .decimal(let d): return (Term.format(decimal: d), XSD.decimal)
        case .date(let d): return (dateText(d), d.hasDay ? XSD.date : XSD.gYearMonth)
        case .typedLiteral(let lexical, let datatype): return (lexical, datatype)
        default: return nil
        }
    }

    /// The N-Triples form of `term`; entities are IRIs under `entityBase`.
    static func term(_ term: Term, entityBase: String, into out: inout String) {
        switch term {
        case .entity(let name): iri(entityBase + name, into: &out)
        case .iri(let text): iri(text, into: &out)
        case .blankNode(let label): blankNode(label, into: &out)
        case .string(let s, let language):
            quoted(s, into: &out)
            if let language {
                out += "@"
                out += language
            }
        case .integer, .decimal, .date, .typedLiteral:
            if let form = typedForm(of: term) {
                quoted(form.lexical, into: &out)
                out += "^^"
                iri(form.datatype, into: &out)
            }
        }
    }
}
