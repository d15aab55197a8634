import Foundation
import Testing
@testable import KGStore

@Suite struct TermDictionaryTests {
    @Test func internHandsOutDenseIdsOncePerTerm() {
        let d = TermDictionary()
        let a = d.intern(.entity("ecuador"))
        let b = d.intern(.entity("peru"))
        let a2 = d.intern(.entity("ecuador"))
        #expect(a == 0)
        #expect(b == 1)
        #expect(a2 == a)
        #expect(d.count == 2)
        #expect(d[a] == .entity("ecuador"))
        #expect(d[b] == .entity("peru"))
        #expect(Array(d.terms) == [.entity("ecuador"), .entity("peru")])
    }

    @Test func termsOfDifferentKindsWithTheSameTextAreDistinct() {
        let d = TermDictionary()
        let terms: [Term] = [
            .entity("a"), .iri("a"), .blankNode("a"), .string("a", language: nil), .string("a", language: "es"),
            .integer(1), .decimal(1.5), .date(KGDate(year: 2024, month: 10, day: 10)),
            .date(KGDate(year: 2024, month: 10)), .typedLiteral(lexical: "01", datatype: XSD.integer),
        ]
        let ids = terms.map { d.intern($0) }
        #expect(ids == (0..<TermID(terms.count)).map { $0 })
        #expect(d.count == terms.count)
        for (term, id) in zip(terms, ids) { #expect(d[id] == term) }
    }

    @Test func lookupOnlyIdForNeverGrowsTheDictionary() {
        let d = TermDictionary()
        _ = d.intern(.entity("csm"))
        #expect(d.id(for: .entity("csm")) == 0)
        #expect(d.id(for: .entity("unknown")) == nil)
        #expect(d.id(for: .string("csm", language: nil)) == nil)
        #expect(d.id(for: .integer(42)) == nil)
        #expect(d.count == 1)
        #expect(Array(d.terms) == [.entity("csm")])
    }

    @Test func copyIsIndependent() {
        let d = TermDictionary()
        _ = d.intern(.entity("a"))
        let c = d.copy()
        let idB = c.intern(.entity("b"))
        #expect(idB == 1)
        #expect(c.count == 2)
        #expect(d.count == 1)
        #expect(d.id(for: .entity("b")) == nil)
        let idX = d.intern(.entity("x"))
        #expect(idX == 1)
        #expect(c[1] == .entity("b"))
        #expect(d[1] == .entity("x"))
    }

    /// Text lives in one arena: a term costs its bytes and a length byte there, plus its
    /// kind, payload and table slot, whatever its length; numbers and dates cost no arena.
    @Test func memoryFootprintCountsTextOnce() {
        let d = TermDictionary()
        let empty = d.memoryFootprint
        for i in 0..<1000 { _ = d.intern(.entity("entity_number_\(i)")) }   // 15-17 bytes each
        let withNames = d.memoryFootprint
        #expect(withNames - empty < 1000 * 64)
        #expect(withNames - empty > 1000 * 25)
        let before = d.memoryFootprint
        for i in 0..<1000 { _ = d.internInteger(Int64(i)) }
        #expect(d.memoryFootprint - before < 1000 * 40)
    }

    /// Every kind of term decodes to what was interned, and `id(for:)` finds it again, also
    /// when other terms share its text or value.
    @Test func everyKindRoundTrips() {
        let d = TermDictionary()
        let long = String(repeating: "ñ", count: 300)   // a length over 127 bytes
        let terms: [Term] = [
            .entity("x"), .iri("http://example.org/x"), .blankNode("b0"), .string("", language: nil),
            .string("x", language: nil), .string("x", language: "es"), .string(long, language: "en"),
            .string("x", language: ""), .integer(-5), .integer(Int64.min), .decimal(Decimal(string: "2.50")!),
            .date(KGDate(year: -44, month: 3, day: 15)), .date(KGDate(year: 2024, month: 1)),
            .typedLiteral(lexical: "x", datatype: XSD.string), .typedLiteral(lexical: "01", datatype: XSD.integer),
            .entity(long),
        ]
        let ids = terms.map { d.intern($0) }
        #expect(Set(ids).count == terms.count)
        for (term, id) in zip(terms, ids) {
            #expect(d[id] == term)
            #expect(d.id(for: term) == id)
            #expect(d.intern(term) == id)
        }
        #expect(d.isNumber(ids[8]) && d.isNumber(ids[10]) && d.isNumber(ids[14]))
        #expect(!d.isNumber(ids[0]) && !d.isNumber(ids[11]) && !d.isNumber(ids[13]))
        #expect(d.id(for: .typedLiteral(lexical: "01", datatype: XSD.decimal)) == nil)
        #expect(d.id(for: .string("x", language: "en")) == nil)
    }

    /// The byte-level intern paths find what `intern` stored, and the other way round, across
    /// the table's growth.
    @Test func byteInternAgreesWithIntern() {
        let d = TermDictionary()
        func bytes(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> TermID) -> TermID {
            Array(s.utf8).withUnsafeBufferPointer(body)
        }
        for i in 0..<3000 {
            let name = "n\(i)"
            if i % 2 == 0 {
                let id = d.intern(.entity(name))
                #expect(bytes(name, d.internEntity) == id)
                #expect(bytes(name, d.internString) != id)
            } else {
                let id = bytes(name, d.internIRI)
                #expect(d.intern(.iri(name)) == id)
                #expect(d[id] == .iri(name))
            }
        }
        #expect(d.count == 3000 + 1500)
        #expect(bytes("n2", d.internString) == d.intern(.string("n2", language: nil)))
    }

    /// The integer fast path finds what `intern` stored and stores what `intern` finds.
    @Test func internIntegerAgreesWithIntern() {
        let d = TermDictionary()
        let values: [Int64] = [0, 1, -1, 42, Int64.max, Int64.min, 1 << 40]
        let viaTerms = values.map { d.intern(.integer($0)) }
        #expect(values.map { d.internInteger($0) } == viaTerms)
        let fresh: [Int64] = [7, -7, 1 << 50]
        let viaFastPath = fresh.map { d.internInteger($0) }
        #expect(fresh.map { d.intern(.integer($0)) } == viaFastPath)
        #expect(viaFastPath.allSatisfy { d.isNumber($0) })
        #expect(d[viaFastPath[1]] == .integer(-7))
        #expect(d.intern(.decimal(7)) != viaFastPath[0])
    }
}
