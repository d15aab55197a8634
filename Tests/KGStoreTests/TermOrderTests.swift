import Foundation
import Testing
@testable import KGStore

/// Shorthand for a decimal term from its text.
private func dec(_ text: String) -> Term { .decimal(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!) }

/// Shorthand for a date term from its ISO text.
private func date(_ text: String) -> Term { .date(KGDate(iso: text)!) }

/// Checks that `terms` are strictly increasing in the total order, pairwise and both ways.
private func expectIncreasing(_ terms: [Term], sourceLocation: SourceLocation = #_sourceLocation) {
    for i in terms.indices {
        for j in terms.indices {
            let c = TermOrder.compare(terms[i], terms[j])
            let expected = i == j ? 0 : (i < j ? -1 : 1)
            #expect(c.signum() == expected, "compare(\(terms[i]), \(terms[j])) = \(c)", sourceLocation: sourceLocation)
        }
    }
}

@Suite struct TermOrderTests {
    @Test func numbersCompareByValueAcrossIntegersAndDecimals() {
        expectIncreasing([
            .integer(Int64.min), .integer(-7), dec("-1.5"), .integer(0), dec("0.25"), .integer(1), dec("1.5"),
            .integer(2), dec("2.75"), .integer(10), dec("100.01"), .integer(Int64.max),
        ])
        #expect(TermOrder.compareNumbers(.integer(2), .decimal(2)) == 0)
        #expect(TermOrder.compareNumbers(.integer(3), .decimal(Decimal(string: "2.5")!)) == 1)
        #expect(TermOrder.compareNumbers(.integer(Int64.max), .integer(Int64.max - 1)) == 1)
    }

    @Test func equalNumbersOfDifferentSpellingsStillOrderTotally() {
        // 2 and 2.0 are equal as numbers but distinct terms: the order must be antisymmetric.
        let a = Term.integer(2), b = dec("2.0")
        let ab = TermOrder.compare(a, b), ba = TermOrder.compare(b, a)
        #expect(ab.signum() == -ba.signum())
        #expect(TermOrder.compare(a, a) == 0)
    }

    @Test func typedNumericLiteralsCompareAsNumbers() {
        let one = Term.typedLiteral(lexical: "01", datatype: XSD.integer)
        #expect(TermOrder.rank(one) == 0)
        expectIncreasing([.integer(0), one, .integer(2)])
        let dateLiteral = Term.typedLiteral(lexical: "2018-05-02", datatype: XSD.date)
        expectIncreasing([date("2018-05-01"), dateLiteral, date("2018-05-03")])
    }

    @Test func datesOrderChronologicallyWithMonthPrecisionFirst() {
        expectIncreasing([
            date("1999-12-31"), date("2018-05"), date("2018-05-01"), date("2018-05-02"), date("2018-05-31"),
            date("2018-06"), date("2018-06-01"), date("2024-10-10"),
        ])
    }

    @Test func stringsOrderByCodePoints() {
        // Code points: "Z" (5A) < "a" (61) < "z" (7A) < "é" (E9) < "ñ" (F1) < "€" (20AC) < "😀" (1F600)
        expectIncreasing([
            .string("", language: nil), .string("Z", language: nil), .string("a", language: nil),
            .string("ab", language: nil), .string("b", language: nil), .string("z", language: nil),
            .string("é", language: nil), .string("ñ", language: nil), .string("€", language: nil),
            .string("😀", language: nil),
        ])
        #expect(TermOrder.compareText("Perú", "Peru") == 1)
        #expect(TermOrder.compareText("Peru", "Perú") == -1)
        #expect(TermOrder.compareText("abc", "abc") == 0)
    }

    @Test func languageTagBreaksTiesBetweenEqualStrings() {
        expectIncreasing([.string("Perú", language: nil), .string("Perú", language: "en"), .string("Perú", language: "es")])
    }

    @Test func kindsRankNumbersDatesStringsEntitiesIRIsBlankNodes() {
        expectIncreasing([
            .integer(99), date("2018-05"), .string("zzz", language: nil), .entity("aaa"), .iri("http://a.org/"),
            .blankNode("b0"), .typedLiteral(lexical: "x", datatype: "http://example.org/dt"),
        ])
        #expect(TermOrder.rank(.integer(1)) == 0)
        #expect(TermOrder.rank(date("2018-05")) == 1)
        #expect(TermOrder.rank(.string("a", language: nil)) == 2)
        #expect(TermOrder.rank(.entity("a")) == 3)
        #expect(TermOrder.rank(.iri("a:b")) == 4)
        #expect(TermOrder.rank(.blankNode("a")) == 5)
    }

    @Test func entitiesAndIRIsOrderByText() {
        expectIncreasing([.entity("a"), .entity("a_b"), .entity("ab"), .entity("b")])
        expectIncreasing([.iri("http://example.org/a"), .iri("http://example.org/b")])
    }

    @Test func comparableOnlyWithinAKind() {
        #expect(TermOrder.comparable(.integer(1), dec("1.5")))
        #expect(TermOrder.comparable(date("2018-05"), date("2018-05-01")))
        #expect(TermOrder.comparable(.string("a", language: nil), .string("b", language: "es")))
        #expect(!TermOrder.comparable(.integer(1), .string("1", language: nil)))
        #expect(!TermOrder.comparable(.entity("a"), .string("a", language: nil)))
        #expect(!TermOrder.comparable(date("2018-05"), .integer(2018)))
        let other = Term.typedLiteral(lexical: "x", datatype: "http://example.org/dt")
        #expect(!TermOrder.comparable(other, other))
    }
}
