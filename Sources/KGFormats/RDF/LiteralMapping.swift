import Foundation
import KGStore

/// How RDF literals become kg terms, keeping the exact form whenever kg's own value would
/// not write back the same lexical form.
enum LiteralMapping {
    /// The term for a literal with an optional language tag or datatype IRI.
    static func term(lexical: String, language: String?, datatype: String?) -> Term {
        if let language { return .string(lexical, language: language) }
        guard let datatype else { return .string(lexical, language: nil) }
        return term(lexical: lexical, datatype: datatype)
    }

    /// The term for `"lexical"^^<datatype>`.
    static func term(lexical: String, datatype: String) -> Term {
        switch datatype {
        case XSD.string:
            return .string(lexical, language: nil)
        case XSD.integer:
            if let value = canonicalInteger(lexical) { return .integer(value) }
        case XSD.decimal:
            if let value = canonicalDecimal(lexical) { return .decimal(value) }
        case XSD.date:
            if let value = canonicalDate(lexical, length: 10) { return .date(value) }
        case XSD.gYearMonth:
            if let value = canonicalDate(lexical, length: 7) { return .date(value) }
        default:
            break
        }
        return .typedLiteral(lexical: lexical, datatype: datatype)
    }

    /// The value of an integer in canonical form (`0`, `-5`, `42`: no `+`, no leading zeros,
    /// no `-0`) that fits in 64 bits; nil otherwise.
    static func canonicalInteger(_ lexical: String) -> Int64? {
        var utf8 = Substring(lexical).utf8[...]
        var negative = false
        if utf8.first == UInt8(ascii: "-") {
            negative = true
            utf8 = utf8.dropFirst()
        }
        guard let first = utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return nil }
        if first == UInt8(ascii: "0") { return utf8.count == 1 && !negative ? 0 : nil }
        // Accumulate negatively so that Int64.min fits.
        var value: Int64 = 0
        for b in utf8 {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.subtractingReportingOverflow(Int64(b - UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            value = next
        }
        if negative { return value }
        let (positive, overflow) = Int64(0).subtractingReportingOverflow(value)
        return overflow ? nil : positive
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The value of a decimal whose lexical form is exactly what kg writes back
    /// (`Term.format(decimal:)`: `3.25`, `-0.5`, `3.0`); nil otherwise.
    static func canonicalDecimal(_ lexical: String) -> Decimal? {
        guard let shape = canonicalDecimalShape(lexical) else { return nil }
        if shape.digits.count <= 18, let significand = UInt64(shape.digits) {
            // Exact without parsing text: significand × 10^-fractionDigits.
            return Decimal(sign: shape.negative ? .minus : .plus, exponent: -shape.fractionDigits,
                           significand: Decimal(significand))
        }
        guard let value = Decimal(string: lexical, locale: posix), Term.format(decimal: value) == lexical else { return nil }
        return value
    }

    /// `-?(0|[1-9][0-9]*)\.([0-9]*[1-9]|0)`, not a negative zero: the only decimal forms
    /// `Term.format(decimal:)` produces. Returns the sign, all digits, and the fraction length.
    static func canonicalDecimalShape(_ lexical: String) -> (negative: Bool, digits: String, fractionDigits: Int)? {
        var utf8 = Substring(lexical).utf8[...]
        let negative = utf8.first == UInt8(ascii: "-")
        if negative { utf8 = utf8.dropFirst() }
        guard let dot = utf8.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        let integer = utf8[..<dot], fraction = utf8[utf8.index(after: dot)...]
        let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        guard let firstDigit = integer.first, let lastFraction = fraction.last,
              integer.allSatisfy(isDigit), fraction.allSatisfy(isDigit),
              firstDigit != UInt8(ascii: "0") || integer.count == 1,
              lastFraction != UInt8(ascii: "0") || fraction.count == 1 else { return nil }
        let isZero = integer.allSatisfy { $0 == UInt8(ascii: "0") } && fraction.allSatisfy { $0 == UInt8(ascii: "0") }
        if negative && isZero { return nil }
        let fractionDigits = fraction.elementsEqual([UInt8(ascii: "0")]) ? 0 : fraction.count
        var digits = String(decoding: integer, as: UTF8.self)
        if fractionDigits > 0 { digits += String(decoding: fraction, as: UTF8.self) }
        return (negative, digits, fractionDigits)
    }

    /// A well-formed `YYYY-MM-DD` (length 10) or `YYYY-MM` (length 7), which kg writes back
    /// identically; nil otherwise (bad shape, month or day out of range, 29 February of a
    /// common year).
    static func canonicalDate(_ lexical: String, length: Int) -> KGDate? {
        let utf8 = lexical.utf8
        guard utf8.count == length else { return nil }
        var year = 0, month = 0, day = 0
        for (i, b) in utf8.enumerated() {
            if i == 4 || i == 7 {
                guard b == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil }
            let digit = Int(b - UInt8(ascii: "0"))
            if i < 4 { year = year * 10 + digit } else if i < 7 { month = month * 10 + digit } else { day = day * 10 + digit }
        }
        guard (1...12).contains(month) else { return nil }
        if length == 7 { return KGDate(year: Int32(year), month: UInt8(month)) }
        guard day >= 1 && day <= daysIn(month: month, year: year) else { return nil }
        return KGDate(year: Int32(year), month: UInt8(month), day: UInt8(day))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The datatype IRIs the readers meet most, so that they are not rebuilt per literal.
    static let knownDatatypes: [String] = [
        XSD.string, XSD.integer, XSD.decimal, XSD.date, XSD.gYearMonth,
        RDFVocabulary.xsdBoolean, RDFVocabulary.xsdDouble,
        XSD.namespace + "float", XSD.namespace + "int", XSD.namespace + "long",
        XSD.namespace + "dateTime", XSD.namespace + "anyURI", XSD.namespace + "gYear",
        RDFVocabulary.namespace + "langString",
    ]

    /// One of `knownDatatypes` spelled by `bytes`, or nil.
    static func knownDatatype(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        for datatype in knownDatatypes where datatype.utf8.count == bytes.count {
            if datatype.utf8.elementsEqual(bytes) { return datatype }
        }
        return nil
    }
}
