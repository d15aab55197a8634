import Foundation
import KGStore
import KnowledgeGraph
import Testing

@Suite struct SourceListingTests {
    @Test func aPassageIsListedUnderItsHeadingWithNumberedLines() throws {
        let url = try CitationFixture.documentsFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let session = try CitationFixture.session()
        let resolved = try session.sourceLocator().resolve(.entity("src_doc900_debate_p1"))
        let text = try SourceListing.listing(resolved, documents: try DocumentFolder(path: url.path))
        #expect(text == """
            src_doc900_debate_p1 — 900_test.txt, lines 8–13
            document: src_doc900, Acta de prueba
            section: Debate
               8  II. Debate
               9  Aguaclara presentó su plan.
              10      el plan abarca 40 comunidades.
              11  se hicieron preguntas.
              12  Montebajo presentó una red.
              13  la red usa estaciones.

            """)
    }

    @Test func withoutDocumentsTheLinesAreNamedNotPrinted() throws {
        let resolved = try CitationFixture.session().sourceLocator().resolve(.entity("src_doc900_opening"))
        #expect(try SourceListing.listing(resolved, documents: nil) == """
            src_doc900_opening — 900_test.txt, lines 3–6
            document: src_doc900, Acta de prueba
            heading: I. Apertura

            """)
    }

    @Test func anInferenceIsListedWithItsNoteThenWhatItWasInferredFrom() throws {
        let url = try CitationFixture.documentsFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let resolved = try CitationFixture.session().sourceLocator().resolve(.entity("inf_year"))
        let text = try SourceListing.listing(resolved, documents: try DocumentFolder(path: url.path))
        #expect(text.hasPrefix("inf_year — inferred by the curators from src_doc900_opening (900_test.txt, lines 3–6): The year is the opening's.\n\nsrc_doc900_opening — 900_test.txt, lines 3–6\n"))
        #expect(text.contains("  4  Se abrió en Villa Prueba el 3 de marzo de 2031.\n"))
    }

    @Test func anInferenceFromSeveralPassagesNamesThemAll() throws {
        let session = try CitationFixture.session("inferred_from(inf_year, src_doc900_debate_p1). inferred_from(inf_year, src_doc900_debate_p2).")
        guard case .inference(let inference) = try session.sourceLocator().resolve(.entity("inf_year")) else {
            Issue.record("not an inference")
            return
        }
        #expect(SourceListing.inferenceSentence(inference) == "inferred by the curators from src_doc900_debate_p1 (900_test.txt, lines 8–13), src_doc900_debate_p2 (900_test.txt, lines 14–19) and src_doc900_opening (900_test.txt, lines 3–6): The year is the opening's.")
    }

    @Test func aRangePastTheEndOfTheFileIsAnError() throws {
        let url = try CitationFixture.documentsFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let session = try CitationFixture.session("type(s_tail, document_section). section_of(s_tail, src_doc900). line_range(s_tail, 18, 30).")
        let resolved = try session.sourceLocator().resolve(.entity("s_tail"))
        let error = SourceLookupError.beyondEnd(id: "s_tail", file: "900_test.txt", first: 18, last: 30, lineCount: 20)
        #expect(throws: error) { try SourceListing.listing(resolved, documents: try DocumentFolder(path: url.path)) }
        #expect(error.description == "s_tail cites lines 18–30 of 900_test.txt, which has only 20 lines")
    }

    @Test func controlCharactersAreShownAndTabsExpanded() {
        #expect(SourceListing.safe("a\tb") == "a   b")
        #expect(SourceListing.safe("ab\tc") == "ab  c")
        #expect(SourceListing.safe("x\u{1B}[31my") == "x\\u{1b}[31my")
        #expect(!SourceListing.safe("x\u{07}y").contains("\u{07}"))
    }
}
