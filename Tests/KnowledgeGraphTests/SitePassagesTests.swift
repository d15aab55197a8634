import Foundation
import KGStore
import KnowledgeGraph
import Testing

@Suite struct SitePassagesTests {
    static func page(_ files: [(path: String, contents: String)], _ entity: String) throws -> String {
        let path = SiteGenerator.pagePath(for: .entity(entity))
        return try #require(files.first { $0.path == path }?.contents, "no page \(path)")
    }

    @Test func withDocumentsAnEntityPageShowsItsFactsPassagesEscaped() throws {
        let url = try CitationFixture.documentsFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let session = try CitationFixture.session("@source src_doc900_debate_p2. remark(aguaclara, \"x\").")
        // A line that looks like markup must arrive as text.
        try Data((CitationFixture.document.replacingOccurrences(of: "la OEA tomó nota.", with: "<b>la OEA</b> & <script>x</script>")).utf8)
            .write(to: url.appendingPathComponent("900_test.txt"))
        let files = try SiteGenerator.render(session, documents: try DocumentFolder(path: url.path))
        let page = try Self.page(files, "aguaclara")
        #expect(page.contains("<h2>Cited passages</h2>"))
        #expect(page.contains("id=\"p-src_doc900_opening\""))
        #expect(page.contains("<span class=\"ln\"> 9</span> Aguaclara presentó su plan."))
        #expect(page.contains("&lt;b&gt;la OEA&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;"))
        #expect(!page.contains("<script>x"))
        // Each fact's source links to its passage on the page.
        #expect(page.contains("href=\"#p-src_doc900_debate_p1\""))
        // Nothing is fetched from elsewhere: no absolute links.
        #expect(!page.contains("href=\"http") && !page.contains("src=\"http") && !page.contains("url("))
        // The passage's own page shows its text.
        #expect(try Self.page(files, "src_doc900_debate_p1").contains("<div class=\"passage\" id=\"text\">"))
    }

    @Test func inferredFactsAreMarkedInferredWithOrWithoutDocuments() throws {
        let session = try CitationFixture.session()
        let files = try SiteGenerator.render(session)
        let page = try Self.page(files, "test_meeting")
        #expect(page.contains("<span class=\"inferred\""))
        #expect(page.contains("class=\"src inf\""))
        #expect(page.contains("title=\"inferred by the curators from src_doc900_opening (900_test.txt, lines 3–6): The year is the opening&#39;s.\""))
        // Without documents there is no passage text.
        #expect(!page.contains("Cited passages"))
        #expect(!page.contains("passage-text"))
        // A source link names where its words are.
        #expect(try Self.page(files, "aguaclara").contains("900_test.txt, lines 3–6"))
        let inference = try Self.page(files, "inf_year")
        #expect(inference.contains("<h2>Inference</h2>"))
        #expect(inference.contains("by the curators from"))
    }

    @Test func aMissingDocumentStopsTheSite() throws {
        let url = try CitationFixture.folder([:])
        defer { try? FileManager.default.removeItem(at: url) }
        let session = try CitationFixture.session()
        #expect(throws: SourceLookupError.fileMissing(folder: url.path, file: "900_test.txt", document: "src_doc900")) {
            try SiteGenerator.render(session, documents: try DocumentFolder(path: url.path))
        }
    }
}
