import Foundation
import KnowledgeGraph
import Testing

@Suite struct SourceCheckerTests {
    static func messages(_ extra: String, docs: Bool) throws -> [String] {
        let url = try CitationFixture.documentsFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let session = try CitationFixture.session(extra, recordLocations: true)
        let documents = docs ? try DocumentFolder(path: url.path) : nil
        return SourceChecker.check(session, documents: documents).map { "\($0.severity.rawValue): \($0.message)" }
    }

    @Test func theFixtureIsClean() throws {
        #expect(try Self.messages("", docs: true).isEmpty)
    }

    @Test func aRangePastTheEndIsAnErrorOnlyWithDocuments() throws {
        let extra = "type(s_tail, document_section). section_of(s_tail, src_doc900). line_range(s_tail, 18, 30)."
        #expect(try Self.messages(extra, docs: true) == ["error: s_tail cites lines 18–30 of 900_test.txt, which has only 20 lines"])
        #expect(try Self.messages(extra, docs: false).isEmpty)
    }

    @Test func anInvalidRangeIsAlwaysAnError() throws {
        #expect(try Self.messages("type(s_rev, document_section). section_of(s_rev, src_doc900). line_range(s_rev, 5, 4).", docs: false)
            == ["error: s_rev has an invalid line_range (5, 4): lines are whole numbers from 1 (to 2147483647), first <= last"])
    }

    @Test func aMissingFileIsOneErrorNamingIt() throws {
        let m = try Self.messages("""
            type(src_doc901, document). source_file(src_doc901, "901_other.txt").
            type(s_a, document_section). section_of(s_a, src_doc901). line_range(s_a, 1, 2).
            type(s_b, document_section). section_of(s_b, src_doc901). line_range(s_b, 3, 4).
            """, docs: true)
        #expect(m.count == 1)
        #expect(m.first?.hasPrefix("error: the documents folder") == true && m.first?.contains("has no file 901_other.txt (the text of src_doc901)") == true)
    }

    @Test func aFactCitedToALongSectionOnlyIsAWarning() throws {
        let m = try Self.messages("""
            type(s_long, document_section). section_of(s_long, src_doc900). line_range(s_long, 1, 26).
            @source s_long. signed(test_meeting).
            @source src_doc900_debate_p1. both(test_meeting).
            @source s_long. both(test_meeting).
            """, docs: false)
        #expect(m == ["warning: this fact is cited to s_long, which spans 26 lines (1–26); split it into passages of at most 25 lines (passage_of, line_range) and cite the one that holds the fact"])
    }

    @Test func aLongPassageIsAWarning() throws {
        let m = try Self.messages("type(p_long, passage). passage_of(p_long, src_doc900_debate). line_range(p_long, 1, 30).", docs: false)
        #expect(m == ["warning: passage p_long holds 30 lines (1–30); a passage holds at most 25"])
    }
}
