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
        #expect(d.terms == [.entity("ecuador"), .entity("peru")])
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
        #expect(d.terms == [.entity("csm")])
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

    /// Strings of up to 15 UTF-8 bytes live inline in the term; longer ones add their heap
    /// storage (a 32-byte header and their bytes).
    @Test func memoryFootprintCountsOnlyHeapStrings() {
        let d = TermDictionary()
        let empty = d.memoryFootprint
        _ = d.intern(.entity("short_name"))
        let withShort = d.memoryFootprint
        _ = d.intern(.string(String(repeating: "x", count: 100), language: nil))
        let withLong = d.memoryFootprint
        #expect(withLong - withShort >= 132)
        #expect(withShort - empty < 132)
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
