import Foundation
import KGStore
import KnowledgeGraph
import Testing

/// The embedded seed graph against the real documents, on a machine that has them
/// (`shared/docs` beside an ancestor folder, or `KG_DOCS`); elsewhere these tests pass without
/// checking. Nothing of the documents' text is written here: only counts and ranges.
@Suite struct RealDocumentsTests {
    static func seeds() throws -> Session {
        let session = Session()
        let result = session.loadEmbeddedSeeds()
        try #require(!result.hasErrors)
        return session
    }

    @Test func everyDocumentOfTheSeedGraphIsInTheFolder() throws {
        guard let docs = CitationFixture.realDocuments else { return }
        let session = try Self.seeds()
        let locator = session.sourceLocator()
        let folder = try DocumentFolder(path: docs.path)
        #expect(locator.documents.count >= 5)
        for document in locator.documents {
            let file = try #require(locator.file(ofDocument: document))
            #expect(try folder.text(of: file, document: SourceLocator.idText(document)).lineCount > 0, "\(file)")
        }
    }

    @Test func everyLineRangeOfTheSeedGraphLiesWithinItsFile() throws {
        guard let docs = CitationFixture.realDocuments else { return }
        let session = try Self.seeds()
        let folder = try DocumentFolder(path: docs.path)
        let problems = SourceChecker.check(session, documents: folder).filter(\.isError)
        #expect(problems.isEmpty, "\(problems.map(\.message))")
    }

    @Test func everyCitedSourceWithLinesCanBeShown() throws {
        guard let docs = CitationFixture.realDocuments else { return }
        let session = try Self.seeds()
        let locator = session.sourceLocator()
        let folder = try DocumentFolder(path: docs.path)
        for unit in locator.unitsWithLines {
            let span = try locator.span(of: unit)
            #expect(try SourceListing.read(span, from: folder).count == span.lines.count, "\(unit)")
        }
    }

    @Test func coverageMeasuresEveryDocument() throws {
        guard let docs = CitationFixture.realDocuments else { return }
        let session = try Self.seeds()
        let report = try CoverageReport.measure(database: session.database, documents: try DocumentFolder(path: docs.path))
        #expect(report.documents.count == session.sourceLocator().documents.count)
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        for d in report.documents { #expect(d.citedLines <= d.nonBlankLines) }
    }
}
