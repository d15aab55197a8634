import Foundation
import Testing

/// `kg site --docs`, and `kg source`/`kg coverage` on the real documents when this machine has
/// them (`shared/docs` beside an ancestor folder, or `KG_DOCS`); the golden fixtures cover the
/// rest on a document of our own.
@Suite struct SourceCommandTests {
    static let citations = GoldenFixtureTests.fixturesDirectory.appendingPathComponent("citations")

    static let realDocuments: String? = {
        let fm = FileManager.default
        if let path = ProcessInfo.processInfo.environment["KG_DOCS"], fm.fileExists(atPath: path) { return path }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<8 {
            dir = dir.deletingLastPathComponent()
            let candidate = dir.appendingPathComponent("shared/docs")
            if fm.fileExists(atPath: candidate.appendingPathComponent("README.md").path) { return candidate.path }
        }
        return nil
    }()

    @Test func siteWithDocsShowsThePassagesOnEntityPages() throws {
        let folder = try REPLPipe.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = folder.appendingPathComponent("site").path
        let out = try KGProcess.run(["site", site, "--seeds", Self.citations.appendingPathComponent("seeds").path,
                                     "--docs", Self.citations.appendingPathComponent("docs").path])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasPrefix("wrote "))
        let page = try String(contentsOfFile: site + "/entities/montebajo.html", encoding: .utf8)
        #expect(page.contains("<h2>Cited passages</h2>"))
        #expect(page.contains("<span class=\"ln\">14</span> La delegación de Montebajo presentó una red de alerta."))
        #expect(page.contains("href=\"#p-src_doc900_debate_p1\""))
        let meeting = try String(contentsOfFile: site + "/entities/test_meeting.html", encoding: .utf8)
        #expect(meeting.contains("<span class=\"inferred\""))
    }

    @Test func siteWithAMissingDocumentFailsNamingIt() throws {
        let folder = try REPLPipe.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = folder.appendingPathComponent("site").path
        let out = try KGProcess.run(["site", site, "--seeds", Self.citations.appendingPathComponent("seeds").path, "--docs", folder.path])
        #expect(out.status == 1)
        #expect(out.stderr.contains("has no file 900_fixture_minutes.txt (the text of src_doc900)"), "\(out.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site))
    }

    @Test func theRealDocumentsCheckAndMeasure() throws {
        guard let docs = Self.realDocuments else { return }
        let check = try KGProcess.run(["check", "--docs", docs, "/dev/null"])
        #expect(check.status == 0, "\(check.stderr)")
        let coverage = try KGProcess.run(["coverage", "--docs", docs, "--format", "tsv"])
        #expect(coverage.status == 0, "\(coverage.stderr)")
        let rows = coverage.stdout.components(separatedBy: "\n\n").first?.components(separatedBy: "\n").dropFirst() ?? []
        #expect(rows.filter { !$0.isEmpty }.count >= 5, "\(coverage.stdout.prefix(500))")
    }
}
