import Foundation
import KGStore
import KnowledgeGraph
import Testing

@Suite struct SourceCoverageTests {
    @Test func citedLinesAreThoseOfSourcesSomeFactIsCitedTo() throws {
        let url = try CitationFixture.documentsFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let session = try CitationFixture.session()
        let report = try CoverageReport.measure(database: session.database, documents: try DocumentFolder(path: url.path))
        let d = try #require(report.documents.first)
        #expect(report.documents.count == 1)
        #expect(d.lineCount == 20)
        // Non-blank: 1, 3-6, 8-19 = 17. Cited: the opening 3-6 and passage 1 8-13 = 10
        // (the inference covers nothing, passage 2 has no fact).
        #expect(d.nonBlankLines == 17)
        #expect(d.citedLines == 10)
        #expect(abs(d.share - 10.0 / 17.0) < 1e-9)
        // Uncited lines with a name, a date or a figure: the title (capitals), OEA, Río Claro.
        #expect(d.uncited.map(\.number) == [1, 14, 17])
        #expect(d.uncited.map(\.kinds) == [[.acronym], [.acronym], [.name]])
        #expect(report.warnings.isEmpty)
    }

    @Test func factsAboutSourcesAndInferencesCoverNothing() throws {
        let url = try CitationFixture.documentsFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        // The section's own description cited to the section itself is no content.
        let session = try CitationFixture.session("""
            @source src_doc900_debate_p2. note(src_doc900_debate_p2, "a passage").
            @source inf_year. held_in(test_meeting, villa_prueba).
            """)
        let report = try CoverageReport.measure(database: session.database, documents: try DocumentFolder(path: url.path))
        #expect(report.documents.first?.citedLines == 10)
    }

    @Test func aRangePastTheEndIsCountedToTheLastLineWithAWarning() throws {
        let url = try CitationFixture.documentsFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let session = try CitationFixture.session("""
            @source src_doc900. type(s_tail, document_section). section_of(s_tail, src_doc900). line_range(s_tail, 14, 30).
            @source s_tail. p(x).
            """)
        let report = try CoverageReport.measure(database: session.database, documents: try DocumentFolder(path: url.path))
        #expect(report.documents.first?.citedLines == 16)
        #expect(report.warnings == ["s_tail cites lines 14–30 of 900_test.txt, which has only 20 lines; counted up to its last line"])
    }

    @Test func everyMissingDocumentIsReported() throws {
        let url = try CitationFixture.folder([:])
        defer { try? FileManager.default.removeItem(at: url) }
        let session = try CitationFixture.session("type(src_doc901, document). source_file(src_doc901, \"901_other.txt\").")
        do {
            _ = try CoverageReport.measure(database: session.database, documents: try DocumentFolder(path: url.path))
            Issue.record("measured without the documents")
        } catch let error as CoverageErrors {
            #expect(error.errors == [
                .fileMissing(folder: url.path, file: "900_test.txt", document: "src_doc900"),
                .fileMissing(folder: url.path, file: "901_other.txt", document: "src_doc901"),
            ])
        }
    }
}
