import Foundation
import KnowledgeGraph
import Testing

@Suite struct ProofCitationsTests {
    static let rules = "took_part(S, M) :- attended(S, M), presented(S, _).\n"

    @Test func baseFactsNameTheirDocumentAndLines() throws {
        let session = try CitationFixture.session(Self.rules)
        guard case .success(let proof) = try session.why("took_part(aguaclara, test_meeting)") else {
            Issue.record("no proof")
            return
        }
        let text = session.whyText(proof, documents: nil)
        #expect(text.contains("├─ attended(aguaclara, test_meeting)  — stated in src_doc900_opening — 900_test.txt, lines 3–6\n"), "\(text)")
        #expect(text.contains("└─ presented(aguaclara, plan)  — stated in src_doc900_debate_p1 — 900_test.txt, lines 8–13\n"), "\(text)")
    }

    @Test func withDocumentsThePassageIsShownIndentedUnderItsLeaf() throws {
        let url = try CitationFixture.documentsFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let session = try CitationFixture.session(Self.rules)
        guard case .success(let proof) = try session.why("took_part(aguaclara, test_meeting)") else {
            Issue.record("no proof")
            return
        }
        let lines = session.whyText(proof, documents: try DocumentFolder(path: url.path)).components(separatedBy: "\n")
        let leaf = try #require(lines.firstIndex { $0.hasPrefix("├─ attended(") })
        #expect(lines[leaf + 1] == "│      3  I. Apertura")
        #expect(lines[leaf + 4] == "│      6  Asistieron Aguaclara y Montebajo.")
        #expect(lines[leaf + 5].hasPrefix("└─ presented("))
        #expect(lines[leaf + 6] == "        8  II. Debate")
    }

    @Test func aFactCitedToAnInferenceSaysTheCuratorsInferredIt() throws {
        let session = try CitationFixture.session()
        guard case .success(let proof) = try session.why("in_year(test_meeting, 2031)") else {
            Issue.record("no proof")
            return
        }
        #expect(session.whyText(proof, documents: nil)
            == "in_year(test_meeting, 2031)  — inferred by the curators from src_doc900_opening (900_test.txt, lines 3–6): The year is the opening's.\n")
    }

    @Test func aPassageCitedTwiceIsShownOnceAndSourcesWithoutLinesAreNamed() throws {
        let url = try CitationFixture.documentsFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let session = try CitationFixture.session("""
            both(X) :- attended(X, M), attended(X, M).
            @source kg_schema. q(a). @source src_doc900_opening. q(a).
            """)
        let citations = ProofCitations(locator: session.sourceLocator(), documents: try DocumentFolder(path: url.path))
        let first = citations.leaf(["src_doc900_opening"])
        let second = citations.leaf(["src_doc900_opening"])
        #expect(first.below.count == 4)
        #expect(second.below == ["(900_test.txt, lines 3–6 shown above)"])
        let mixed = citations.leaf(["kg_schema", "src_doc900_debate_p1"])
        #expect(mixed.inline == "stated in kg_schema; src_doc900_debate_p1 — 900_test.txt, lines 8–13")
        #expect(citations.leaf([]).inline == "stated (no source)")
    }

    @Test func anUnreadablePassageSaysWhyUnderTheLeaf() throws {
        let url = try CitationFixture.folder([:])
        defer { try? FileManager.default.removeItem(at: url) }
        let session = try CitationFixture.session()
        let citations = ProofCitations(locator: session.sourceLocator(), documents: try DocumentFolder(path: url.path))
        let leaf = citations.leaf(["src_doc900_opening"])
        #expect(leaf.inline == "stated in src_doc900_opening — 900_test.txt, lines 3–6")
        #expect(leaf.below.count == 1)
        #expect(leaf.below.first?.hasPrefix("(cannot show the text: the documents folder") == true)
        #expect(leaf.below.first?.contains("has no file 900_test.txt") == true)
    }
}
