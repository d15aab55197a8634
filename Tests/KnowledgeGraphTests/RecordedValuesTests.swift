import KGStore
@testable import KnowledgeGraph
import Testing

@Suite struct RecordedValuesTests {
    static func values(_ terms: [Term]) -> RecordedValues {
        var v = RecordedValues()
        for t in terms { v.add(value: t) }
        return v
    }

    @Test func figuresFromNumbersDatesAndStringsWithoutSeparatorsOrLeadingZeros() throws {
        let date = try #require(KGDate(iso: "2021-12-03"))
        let v = Self.values([.integer(23), .date(date), .string("un ciclo de 96.000 personas a las 09:00", language: "es"), .decimal(10.5)])
        for f in ["23", "2021", "12", "3", "03", "96000", "96.000", "9:00", "10,5"] { #expect(v.records(figure: f), "\(f)") }
        for f in ["24", "2022", "4", "960"] { #expect(!v.records(figure: f), "\(f)") }
        #expect(v.records(month: 12))
        #expect(!v.records(month: 11))
    }

    @Test func monthsFromDatesAndFromMonthNamesInStrings() {
        let v = Self.values([.string("reunión de marzo", language: "es")])
        #expect(v.records(month: 3))
        #expect(!v.records(month: 5))
    }

    @Test func wordsMatchInOrderWithinOneStringIgnoringCaseAndAccents() {
        let v = Self.values([.string("Conferencia Regional sobre Migración", language: "es"), .string("Villa Prueba", language: "es")])
        #expect(v.records(words: ["Conferencia", "Regional"]))
        #expect(v.records(words: ["CONFERENCIA", "REGIONAL", "SOBRE", "MIGRACION"]))
        #expect(v.records(words: ["Migración"]))
        #expect(!v.records(words: ["Regional", "Conferencia"]))
        // Never across two strings.
        #expect(!v.records(words: ["Migración", "Villa"]))
        // Hyphens and other punctuation split words.
        #expect(Self.values([.string("Baptist-Estrada", language: nil)]).records(words: ["Baptist", "Estrada"]))
    }

    @Test func ocrDamageIsForgivenByWordLength() {
        let v = Self.values([.string("Bogotá Canadá Perú Reunión Viceministerial OIM", language: "es")])
        #expect(v.records(words: ["Canadd"]))                       // 6 letters: one edit
        #expect(v.records(words: ["Bogotéd"]))                      // 7 letters: two edits
        #expect(v.records(words: ["Perd"]))                         // 4 letters: one edit
        #expect(v.records(words: ["Reunién", "Viceministerial"]))
        #expect(!v.records(words: ["OIT"]))                         // 3 letters: exact only
        #expect(!v.records(words: ["Bogxyzd"]))
        #expect(RecordedValues.allowedEdits("covid19") == 0)
    }

    @Test func mergingKeepsEachStringApart() {
        var a = Self.values([.string("Villa Prueba", language: "es")])
        a.merge(Self.values([.string("Río Claro", language: "es"), .integer(40)]))
        #expect(a.records(words: ["Río", "Claro"]))
        #expect(a.records(words: ["Villa", "Prueba"]))
        #expect(!a.records(words: ["Prueba", "Río"]))
        #expect(a.records(figure: "40"))
    }

    @Test func editDistanceIsBounded() {
        func within(_ a: String, _ b: String, _ k: Int) -> Bool { EditDistance.within(Array(a.unicodeScalars), Array(b.unicodeScalars), k) }
        #expect(within("kitten", "sitting", 3))
        #expect(!within("kitten", "sitting", 2))
        #expect(within("", "ab", 2))
        #expect(!within("abc", "", 2))
    }
}
