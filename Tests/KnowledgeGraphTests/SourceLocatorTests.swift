import KGStore
import KnowledgeGraph
import Testing

@Suite struct SourceLocatorTests {
    @Test func aPassageResolvesThroughItsSectionToTheDocument() throws {
        let locator = try CitationFixture.session().sourceLocator()
        guard case .span(let span) = try locator.resolve(.entity("src_doc900_debate_p2")) else {
            Issue.record("not a span")
            return
        }
        #expect(span.document == .entity("src_doc900"))
        #expect(span.file == "900_test.txt")
        #expect(span.lines == 14...19)
        #expect(span.documentName == "Acta de prueba")
        // A passage stands under its section's heading, here the section's Spanish label.
        #expect(span.heading == "Debate")
        #expect(!span.headingIsPrinted)
        #expect(span.place == "900_test.txt, lines 14–19")
    }

    @Test func aSectionUsesItsOwnPrintedHeading() throws {
        let span = try CitationFixture.session().sourceLocator().span(of: .entity("src_doc900_opening"))
        #expect(span.heading == "I. Apertura")
        #expect(span.headingIsPrinted)
        #expect(span.lines == 3...6)
    }

    @Test func aCuratorInferenceResolvesToItsNoteAndWhatItWasInferredFrom() throws {
        let locator = try CitationFixture.session().sourceLocator()
        #expect(locator.isInference(.entity("inf_year")))
        #expect(!locator.isInference(.entity("src_doc900_opening")))
        guard case .inference(let inference) = try locator.resolve(.entity("inf_year")) else {
            Issue.record("not an inference")
            return
        }
        #expect(inference.notes == ["The year is the opening's."])
        #expect(inference.from.count == 1)
        #expect(try inference.from.first?.span.get().lines == 3...6)
    }

    @Test func anUnknownSourceSuggestsTheNearestIds() throws {
        let locator = try CitationFixture.session().sourceLocator()
        #expect(throws: SourceLookupError.unknownSource(id: "src_doc900_debate_p3", suggestions: ["src_doc900_debate_p1"])) {
            try locator.resolve(.entity("src_doc900_debate_p3"))
        }
        // A prefix offers every id it starts (up to five), in order.
        #expect(locator.suggestions(for: "src_doc900_deb") == ["src_doc900_debate", "src_doc900_debate_p1", "src_doc900_debate_p2"])
        #expect(locator.suggestions(for: "zzzzzz").isEmpty)
        #expect(!locator.isKnownSource(.entity("aguaclara")))
    }

    @Test func aWholeDocumentNamesNoLinesAndListsItsSections() throws {
        let locator = try CitationFixture.session().sourceLocator()
        let error = SourceLookupError.noLineRange(id: "src_doc900", file: "900_test.txt", sections: ["src_doc900_opening", "src_doc900_debate"])
        #expect(throws: error) { try locator.resolve(.entity("src_doc900")) }
        #expect(error.description.contains("give one of its sections or passages, such as src_doc900_opening or src_doc900_debate"))
    }

    @Test func brokenUnitsSayWhatIsWrong() throws {
        let locator = try CitationFixture.session("""
            type(s_rev, document_section). section_of(s_rev, src_doc900). line_range(s_rev, 9, 3).
            type(s_zero, document_section). section_of(s_zero, src_doc900). line_range(s_zero, 0, 3).
            type(s_text, document_section). section_of(s_text, src_doc900). line_range(s_text, "1", 3).
            type(s_none, document_section). section_of(s_none, src_doc900).
            type(p_orphan, passage). line_range(p_orphan, 1, 2).
            type(p_loop, passage). passage_of(p_loop, p_loop2). passage_of(p_loop2, p_loop). line_range(p_loop, 1, 2).
            """).sourceLocator()
        #expect(throws: SourceLookupError.badRange(id: "s_rev", range: "(9, 3)")) { try locator.span(of: .entity("s_rev")) }
        #expect(throws: SourceLookupError.badRange(id: "s_zero", range: "(0, 3)")) { try locator.span(of: .entity("s_zero")) }
        #expect(throws: SourceLookupError.badRange(id: "s_text", range: "(1, 3)")) { try locator.span(of: .entity("s_text")) }
        #expect(throws: SourceLookupError.noLineRange(id: "s_none", file: nil, sections: [])) { try locator.span(of: .entity("s_none")) }
        #expect(throws: SourceLookupError.noDocument(id: "p_orphan", reachedLoop: false)) { try locator.span(of: .entity("p_orphan")) }
        #expect(throws: SourceLookupError.noDocument(id: "p_loop", reachedLoop: true)) { try locator.span(of: .entity("p_loop")) }
    }

    @Test func theCitedSourcesAreThoseSomeFactIsStatedUnder() throws {
        let locator = try CitationFixture.session("p(x).").sourceLocator()
        #expect(locator.citedSources.contains(.entity("src_doc900_debate_p1")))
        #expect(locator.citedSources.contains(.entity("inf_year")))
        #expect(!locator.citedSources.contains(Database.unsourcedTerm))
        #expect(!locator.citedSources.contains(.entity("src_doc900_debate_p2")))
        #expect(locator.documents == [.entity("src_doc900")])
    }
}
