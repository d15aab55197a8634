import Foundation
import KGStore
import Testing
@testable import KGFormats

/// Which literals become kg numbers and dates, and which keep their exact typed form.
@Suite struct LiteralMappingTests {
    typealias T = RDFTest

    @Test func canonicalIntegers() {
        #expect(LiteralMapping.canonicalInteger("0") == 0)
        #expect(LiteralMapping.canonicalInteger("42") == 42)
        #expect(LiteralMapping.canonicalInteger("-5") == -5)
        #expect(LiteralMapping.canonicalInteger("9223372036854775807") == .max)
        #expect(LiteralMapping.canonicalInteger("-9223372036854775808") == .min)
        for bad in ["01", "+5", "-0", "00", "", "-", "1.0", " 1", "1 ", "9223372036854775808", "-9223372036854775809", "1e3", "١"] {
            #expect(LiteralMapping.canonicalInteger(bad) == nil, "\(bad)")
        }
    }

    @Test func integerTerms() {
        #expect(LiteralMapping.term(lexical: "42", datatype: XSD.integer) == .integer(42))
        #expect(LiteralMapping.term(lexical: "01", datatype: XSD.integer) == .typedLiteral(lexical: "01", datatype: XSD.integer))
        #expect(LiteralMapping.term(lexical: "abc", datatype: XSD.integer) == .typedLiteral(lexical: "abc", datatype: XSD.integer))
    }

    @Test func decimals() {
        #expect(LiteralMapping.term(lexical: "3.25", datatype: XSD.decimal) == T.dec("3.25"))
        #expect(LiteralMapping.term(lexical: "-0.5", datatype: XSD.decimal) == T.dec("-0.5"))
        #expect(LiteralMapping.term(lexical: "3.0", datatype: XSD.decimal) == T.dec("3"))
        for kept in ["3.50", "3", "+3.5", ".5", "3.", "1e3", "abc", "-0.0"] {
            #expect(LiteralMapping.term(lexical: kept, datatype: XSD.decimal) == .typedLiteral(lexical: kept, datatype: XSD.decimal), "\(kept)")
        }
    }

    @Test func dates() {
        #expect(LiteralMapping.term(lexical: "2024-10-10", datatype: XSD.date) == .date(KGDate(year: 2024, month: 10, day: 10)))
        #expect(LiteralMapping.term(lexical: "2024-02-29", datatype: XSD.date) == .date(KGDate(year: 2024, month: 2, day: 29)))
        #expect(LiteralMapping.term(lexical: "2018-05", datatype: XSD.gYearMonth) == .date(KGDate(year: 2018, month: 5)))
        for kept in ["2023-02-29", "2024-13-01", "2024-1-01", "+024-01-01", "2024-10-10Z", "2024-10", "20241010"] {
            #expect(LiteralMapping.term(lexical: kept, datatype: XSD.date) == .typedLiteral(lexical: kept, datatype: XSD.date), "\(kept)")
        }
        #expect(LiteralMapping.term(lexical: "2018-5", datatype: XSD.gYearMonth) == .typedLiteral(lexical: "2018-5", datatype: XSD.gYearMonth))
    }

    @Test func stringsAndOtherDatatypes() {
        #expect(LiteralMapping.term(lexical: "x", language: nil, datatype: nil) == T.str("x"))
        #expect(LiteralMapping.term(lexical: "x", language: "en", datatype: nil) == T.str("x", "en"))
        #expect(LiteralMapping.term(lexical: "x", datatype: XSD.string) == T.str("x"))
        #expect(LiteralMapping.term(lexical: "1.5", datatype: T.xsd + "double") == .typedLiteral(lexical: "1.5", datatype: T.xsd + "double"))
    }

    @Test func knownDatatypesAreShared() {
        var text = XSD.integer
        let found = text.withUTF8 { LiteralMapping.knownDatatype($0) }
        #expect(found == XSD.integer)
        var other = "http://example.org/dt"
        #expect(other.withUTF8 { LiteralMapping.knownDatatype($0) } == nil)
    }

    /// A deterministic pseudo-random sequence for the agreement tests.
    struct LCG {
        var state: UInt64 = 0x9E3779B97F4A7C15
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func fastDecimalPathAgreesWithFoundation() {
        var samples = ["0.0", "3.0", "-3.0", "0.5", "-0.5", "0.000001", "-0.000001", "123456789012345678.0",
                       "12345678901234567.8", "99999999999999999.9", "1.25", "-1234.5678", "100.01"]
        var random = LCG()
        for _ in 0..<3000 {
            let integer = random.next(3) == 0 ? "0" : String(1 + random.next(999_999_999))
            var fraction = ""
            for _ in 0..<random.next(9) { fraction += String(random.next(10)) }
            fraction += String(1 + random.next(9))
            let text = integer + "." + (random.next(10) == 0 ? "0" : fraction)
            // Negative zero is not canonical (kg writes 0.0).
            samples.append(random.next(2) == 0 && text != "0.0" ? "-" + text : text)
        }
        let posix = Locale(identifier: "en_US_POSIX")
        for text in samples {
            guard let fast = LiteralMapping.canonicalDecimal(text) else {
                Issue.record("\(text) should be canonical")
                continue
            }
            #expect(fast == Decimal(string: text, locale: posix), "\(text)")
            #expect(Term.format(decimal: fast) == text, "\(text)")
        }
    }

    @Test func fastDatePathAgreesWithKGDate() {
        for year in [1900, 1999, 2000, 2023, 2024, 2100] {
            for month in 0...13 {
                for day in 0...32 {
                    let text = String(format: "%04d-%02d-%02d", year, month, day)
                    #expect(LiteralMapping.canonicalDate(text, length: 10) == KGDate(iso: text), "\(text)")
                }
                let yearMonth = String(format: "%04d-%02d", year, month)
                #expect(LiteralMapping.canonicalDate(yearMonth, length: 7) == KGDate(iso: yearMonth), "\(yearMonth)")
            }
        }
    }
}
