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

    @Test func notableLinesAreRecordedByTheValuesAndNamesOfTheFactsCitedToThem() throws {
        let url = try CitationFixture.documentsFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let bare = try CitationFixture.session()
        let before = try #require(try CoverageReport.measure(database: bare.database, documents: try DocumentFolder(path: url.path)).documents.first)
        // Notable: 1 (capitals), 4 (figures, month, Villa Prueba), 6 (Aguaclara, Montebajo),
        // 8 (the numeral II of a heading no fact records), 10 (40), 14 (OEA), 17 (Río Claro).
        // Cited and unrecorded: 4, 6, 8, 10; none recorded.
        #expect(before.notableLines == 7)
        #expect(before.recordedLines == 0)
        #expect(before.unrecorded.map(\.number) == [4, 6, 8, 10])
        #expect(before.unrecorded.map { $0.missing.map(\.description) } == [
            ["figure 3", "figure 2031", "date marzo", "name Villa Prueba"], ["name Aguaclara y Montebajo"], ["acronym II"], ["figure 40"],
        ])

        // A date records the day, month and year; a name of an entity the facts mention
        // records it wherever the name is stated; a number records the figure.
        let session = try CitationFixture.session("""
            @source src_doc900_opening. start_date(test_meeting, 2031-03-03). attended(montebajo, test_meeting).
            @source kg_schema. label(aguaclara, "Aguaclara"@es). label(montebajo, "Montebajo"@es).
            @source src_doc900_debate_p1. community_count(plan, 40).
            """)
        let after = try #require(try CoverageReport.measure(database: session.database, documents: try DocumentFolder(path: url.path)).documents.first)
        #expect(after.recordedLines == 2)
        #expect(after.unrecorded.map(\.number) == [4, 8])
        #expect(after.unrecorded.first?.missing == [UnrecordedToken(kind: .name, text: "Villa Prueba")])
        #expect(abs(after.recordedShare - 2.0 / 7.0) < 1e-9)
    }

    @Test func aPrintedSubheadingAndFactsAboutTheSourceRecordTheirLines() throws {
        let url = try CitationFixture.folder(["901_dated.txt": Array("ACTA DEL FORO FLUVIAL\nMontebajo, 3 de marzo de 2031\n".utf8)])
        defer { try? FileManager.default.removeItem(at: url) }
        var options = Session.Options()
        options.recordFactLocations = false
        let session = Session(options: options)
        let result = session.load(text: """
            @source kg_schema.
            type(d901, document). source_file(d901, "901_dated.txt").
            type(d901_head, document_section). section_of(d901_head, d901). line_range(d901_head, 1, 2).
            heading(d901_head, "Acta"@es). subheading(d901_head, "Acta del Foro Fluvial"@es).
            @source d901_head. date_of(d901, 2031-03-03). held_in(forum, montebajo). label(montebajo, "Montebajo"@es).
            """, name: "dated.dl")
        try #require(!result.hasErrors)
        let d = try #require(try CoverageReport.measure(database: session.database, documents: try DocumentFolder(path: url.path)).documents.first)
        #expect(d.notableLines == 2)
        #expect(d.recordedLines == 2, "\(d.unrecorded.map { $0.missing.map(\.description) })")
    }

    @Test func aWrappedSentencesNextLineMayStartWithAName() throws {
        let url = try CitationFixture.folder(["902_wrapped.txt": Array("se reunieron los delegados de\nAguaclara en la sede.\nAguaclara habló.\n".utf8)])
        defer { try? FileManager.default.removeItem(at: url) }
        let session = Session()
        let result = session.load(text: """
            @source kg_schema.
            type(d902, document). source_file(d902, "902_wrapped.txt").
            type(d902_all, document_section). section_of(d902_all, d902). line_range(d902_all, 1, 3).
            @source d902_all. met(delegates).
            """, name: "wrapped.dl")
        try #require(!result.hasErrors)
        let d = try #require(try CoverageReport.measure(database: session.database, documents: try DocumentFolder(path: url.path)).documents.first)
        // Line 2 goes on with line 1's sentence: its "Aguaclara" is a name, unrecorded. Line 3
        // starts a sentence (line 2 ends with a full stop): its first word may be any word.
        #expect(d.unrecorded.map(\.number) == [2])
        #expect(d.unrecorded.first?.missing == [UnrecordedToken(kind: .name, text: "Aguaclara")])
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
