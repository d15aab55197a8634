import Foundation
import KGCommandLine
import Testing

// Golden tests for the saved queries in queries/*.dl: each one is run in-process exactly as
// `kg run --format tsv queries/<name>.dl` runs it (embedded seed graph, no terminal), and its
// standard output must equal Fixtures/saved-queries/<name>.tsv byte for byte, with nothing
// on standard error and exit status 0. Query files are found by scanning queries/, so a new
// query needs a new golden file.
//
// To regenerate the golden files after a deliberate change to the seeds or a query, run
//
//     KG_UPDATE_GOLDEN=1 swift test --filter SavedQuery
//
// which writes each query's current output to its .tsv file (the tests then pass), and
// review the diff of Tests/KGCommandLineTests/Fixtures/saved-queries/ before committing:
// every changed line is a changed answer.

private enum SavedQueries {
    /// The package root: Tests/KGCommandLineTests/SavedQueryTests.swift is three levels down.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let queriesDirectory = root.appendingPathComponent("queries")
    static let goldenDirectory = root.appendingPathComponent("Tests/KGCommandLineTests/Fixtures/saved-queries")

    static var updating: Bool { ProcessInfo.processInfo.environment["KG_UPDATE_GOLDEN"] == "1" }

    /// The names (without `.dl`) of queries/*.dl, sorted.
    static func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: queriesDirectory.path)) ?? []
        return files.filter { $0.hasSuffix(".dl") }.map { String($0.dropLast(3)) }.sorted()
    }

    static func queryPath(_ name: String) -> String { queriesDirectory.appendingPathComponent("\(name).dl").path }
    static func goldenPath(_ name: String) -> String { goldenDirectory.appendingPathComponent("\(name).tsv").path }

    /// Runs `kg` in-process with `arguments`, capturing what it prints.
    static func run(_ arguments: [String]) -> (status: ExitCode, out: String, err: String) {
        final class Buffer { var out = "", err = "" }
        let buffer = Buffer()
        let console = Console(writeOut: { buffer.out += $0 }, writeError: { buffer.err += $0 }, outputIsTerminal: false)
        let status = CommandRunner.main(arguments, console: console)
        return (status, buffer.out, buffer.err)
    }
}

@Suite struct SavedQueryTests {
    @Test func everyQueryHasAGoldenFileAndNoGoldenIsOrphaned() throws {
        let queries = SavedQueries.names()
        #expect(queries.count >= 28, "found only \(queries.count) files in \(SavedQueries.queriesDirectory.path)")
        guard !SavedQueries.updating else { return }
        let goldens = try FileManager.default.contentsOfDirectory(atPath: SavedQueries.goldenDirectory.path)
            .filter { $0.hasSuffix(".tsv") }.map { String($0.dropLast(4)) }.sorted()
        let missing = queries.filter { !goldens.contains($0) }
        let orphaned = goldens.filter { !queries.contains($0) }
        #expect(missing.isEmpty, "queries without a golden file (run with KG_UPDATE_GOLDEN=1): \(missing.joined(separator: ", "))")
        #expect(orphaned.isEmpty, "golden files without a query: \(orphaned.joined(separator: ", "))")
    }

    @Test(arguments: SavedQueries.names())
    func answersMatchTheGoldenFile(_ name: String) throws {
        let path = SavedQueries.queryPath(name)
        let run = SavedQueries.run(["run", "--format", "tsv", path])
        #expect(run.status == .success, "kg run queries/\(name).dl exited with \(run.status.rawValue)")
        #expect(run.err.isEmpty, "kg run queries/\(name).dl wrote to standard error:\n\(run.err)")
        #expect(!run.out.isEmpty, "kg run queries/\(name).dl printed nothing")

        let golden = SavedQueries.goldenPath(name)
        if SavedQueries.updating {
            try FileManager.default.createDirectory(at: SavedQueries.goldenDirectory, withIntermediateDirectories: true)
            try run.out.write(toFile: golden, atomically: true, encoding: .utf8)
            return
        }
        guard let data = FileManager.default.contents(atPath: golden) else {
            Issue.record("no golden file \(golden); run with KG_UPDATE_GOLDEN=1 to create it")
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if run.out != expected {
            let got = run.out.components(separatedBy: "\n"), want = expected.components(separatedBy: "\n")
            let extra = got.filter { !want.contains($0) }, lacking = want.filter { !got.contains($0) }
            Issue.record("""
                queries/\(name).dl: output differs from \(name).tsv
                lines not expected: \(extra)
                lines missing: \(lacking)
                --- got ---
                \(run.out)
                """)
        }
    }

    /// Every saved query opens with its question: a comment line in English, then one in
    /// Spanish (`% Which ...?` / `% ¿Qué ...?`), as seeds/README.md promises.
    @Test(arguments: SavedQueries.names())
    func queryStartsWithTheQuestionInEnglishAndSpanish(_ name: String) throws {
        let text = try String(contentsOfFile: SavedQueries.queryPath(name), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        try #require(lines.count >= 3, "queries/\(name).dl is too short")
        let english = lines[0], spanish = lines[1]
        #expect(english.hasPrefix("% ") && english.count > 12, "queries/\(name).dl line 1 is not a comment with the question: \(english)")
        #expect(english.hasSuffix("?") && !english.contains("¿"), "queries/\(name).dl line 1 is not the question in English: \(english)")
        #expect(spanish.hasPrefix("% ") && spanish.count > 12, "queries/\(name).dl line 2 is not a comment with the question: \(spanish)")
        #expect(spanish.contains("¿") && spanish.hasSuffix("?"), "queries/\(name).dl line 2 is not the question in Spanish: \(spanish)")
        #expect(lines.dropFirst(2).contains { $0.hasPrefix("?-") }, "queries/\(name).dl has no query after its header")
    }

    /// The one answer the brief fixes: the CSM states that presented in session 4 of the V
    /// Plenary (Ecuador led it; Chile, Argentina and Uruguay had practices listed in it).
    @Test func csmPresentersOfSessionFour() throws {
        let run = SavedQueries.run(["run", "--format", "tsv", SavedQueries.queryPath("csm_presenters_session_4")])
        #expect(run.status == .success)
        #expect(run.err.isEmpty, "\(run.err)")
        #expect(run.out == "S\nargentina\nchile\necuador\nuruguay\n")
    }
}
