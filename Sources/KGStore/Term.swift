import Foundation

/// A value of the graph: every node, edge label and literal is a `Term`.
///
/// Terms are interned by `TermDictionary`; facts hold only their `TermID`s.
public enum Term: Hashable, Sendable {
    /// A kg constant such as `ecuador` (`[a-z][A-Za-z0-9_]*`).
    case entity(String)
    /// An IRI, stored without angle brackets.
    case iri(String)
    /// An RDF blank node label, without the `_:` prefix.
    case blankNode(String)
    /// A string with an optional language tag (`"Perú"@es`).
    case string(String, language: String?)
    /// A 64-bit signed integer.
    case integer(Int64)
    /// An exact decimal number.
    case decimal(Decimal)
    /// An ISO date of day or month precision.
    case date(KGDate)
    /// An RDF literal kept in the exact lexical form and datatype it was read with
    /// (`"01"^^xsd:integer`), so that export round-trips it. Well-formed numeric and date
    /// literals still compare as numbers and dates (`numericValue`, `dateValue`).
    case typedLiteral(lexical: String, datatype: String)
}

/// The XML Schema datatypes kg maps to its own numbers and dates.
public enum XSD {
    public static let namespace = "http://www.w3.org/2001/XMLSchema#"
    public static let integer = namespace + "integer"
    public static let decimal = namespace + "decimal"
    public static let date = namespace + "date"
    public static let string = namespace + "string"
    public static let gYearMonth = namespace + "gYearMonth"
}

/// A calendar date of day precision, or of month precision when `day` is 0 (`2018-05`).
///
/// Dates order chronologically; a month-precision date sorts just before the first day of
/// that month, so `2018-05 < 2018-05-01 < 2018-05-02 < 2018-06`.
public struct KGDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int32
    public var month: UInt8
    /// 1...31, or 0 for a date of month precision.
    public var day: UInt8

    public init(year: Int32, month: UInt8, day: UInt8 = 0) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM` or `YYYY-MM-DD`, checking month and day ranges (leap years included).
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts[0].count == 4, parts[1].count == 2,
              let year = Int32(parts[0]), let month = UInt8(parts[1]), (1...12).contains(month)
        else { return nil }
        var day: UInt8 = 0
        if parts.count == 3 {
            guard parts[2].count == 2, let d = UInt8(parts[2]),
                  d >= 1, d <= KGDate.daysIn(month: month, year: year) else { return nil }
            day = d
        }
        self.init(year: year, month: month, day: day)
    }

    static func daysIn(month: UInt8, year: Int32) -> UInt8 {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// True when the date has a day, not only a month.
    public var hasDay: Bool { day != 0 }

    public static func < (a: KGDate, b: KGDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var description: String {
        let y = String(format: "%04d", Int(year))
        let m = String(format: "%02d", Int(month))
        return hasDay ? "\(y)-\(m)-\(String(format: "%02d", Int(day)))" : "\(y)-\(m)"
    }
}

/// A number as comparisons and arithmetic see it.
public enum Number: Sendable, Equatable {
    case integer(Int64)
    case decimal(Decimal)

    /// The number as a `Decimal`, for mixed integer/decimal arithmetic and comparison.
    public var decimalValue: Decimal {
        switch self {
        case .integer(let i): return Decimal(i)
        case .decimal(let d): return d
        }
    }
}

extension Term {
    /// The number this term denotes: kg integers and decimals, and well-formed
    /// `xsd:integer` / `xsd:decimal` literals.
    public var numericValue: Number? {
        switch self {
        case .integer(let i): return .integer(i)
        case .decimal(let d): return .decimal(d)
        case .typedLiteral(let lexical, let datatype):
            if datatype == XSD.integer {
                let trimmed = lexical.hasPrefix("+") ? String(lexical.dropFirst()) : lexical
                return Int64(trimmed).map(Number.integer)
            }
            if datatype == XSD.decimal, Term.isDecimalLexical(lexical) {
                return Decimal(string: lexical, locale: Locale(identifier: "en_US_POSIX")).map(Number.decimal)
            }
            return nil
        default: return nil
        }
    }

    /// The date this term denotes: kg dates and well-formed `xsd:date` literals.
    public var dateValue: KGDate? {
        switch self {
        case .date(let d): return d
        case .typedLiteral(let lexical, let datatype) where datatype == XSD.date || datatype == XSD.gYearMonth:
            return KGDate(iso: lexical)
        default: return nil
        }
    }

    /// The text a string built-in sees: a string's characters, an entity's name, a number's
    /// or date's canonical form, an IRI without brackets.
    public var text: String {
        switch self {
        case .entity(let name): return name
        case .iri(let iri): return iri
        case .blankNode(let label): return "_:" + label
        case .string(let s, _): return s
        case .integer(let i): return String(i)
        case .decimal(let d): return Term.format(decimal: d)
        case .date(let d): return d.description
        case .typedLiteral(let lexical, _): return lexical
        }
    }

    /// Canonical text of a decimal: at least one digit after the point (`3.0`, `3.25`).
    public static func format(decimal: Decimal) -> String {
        var text = NSDecimalNumber(decimal: decimal).stringValue
        if !text.contains(".") && !text.contains("e") && !text.contains("E") { text += ".0" }
        return text
    }

    /// True for `[+-]?digits(.digits)?` — the lexical space kg accepts for decimals.
    static func isDecimalLexical(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let first = scalars.first, first == "+" || first == "-" { scalars = scalars.dropFirst() }
        var digits = 0, dots = 0
        for s in scalars {
            if s == "." { dots += 1 } else if ("0"..."9").contains(s) { digits += 1 } else { return false }
        }
        return digits > 0 && dots <= 1
    }
}
