import Foundation
import Testing

/// End-to-end golden tests: each folder of `Fixtures/` is one case, found by scanning the
/// folder (no registration; add a folder and it runs).
///
/// A case folder `Fixtures/<case>/` holds:
/// - `<case>.dl` and any files it includes;
/// - `args` (optional): the command line, one argument per line, paths relative to the case
///   folder; without it the command is `kg run --no-seeds --format tsv <case>.dl`;
/// - `stdin` (optional): fed to the process as standard input (otherwise it reads nothing);
/// - `expected.out`: standard output, byte for byte (a missing file means empty output);
/// - `expected.err`: standard error, byte for byte (missing means empty); file paths appear as
///   the binary prints them, relative to the case folder, which is the working directory;
/// - `expected.status`: the exit status (missing means 0);
/// - `known_bug` (optional): one line describing how the binary disagrees with the contract
///   (/work/shared/LANGUAGE.md, docs/LANGUAGE.md). The expected files of such a case say what
///   the contract asks for; the case is not run, and the test output shows that line as a
///   known issue (which does not fail the run). Run with
///   `KG_CHECK_KNOWN_BUGS=1` to run them anyway as known issues: a case that starts passing is
///   reported ("known issue was not recorded"), so its `known_bug` file can be deleted.
///
/// `KG_UPDATE_GOLDEN=1 swift test --filter GoldenFixture` rewrites expected.out, expected.err and
/// expected.status of every case that is not a known bug from what the binary prints now. It is
/// a convenience for intended changes of output: read every rewritten file (git diff) and check
/// it against the language reference before keeping it; never use it to make a failure go away.
@Suite struct GoldenFixtureTests {
    /// One case folder.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let directory: URL

        var testDescription: String { name }

        func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

        func read(_ name: String) -> String? {
            (try? Data(contentsOf: file(name))).map { String(decoding: $0, as: UTF8.self) }
        }

        /// The command line: `args`, one argument per line, or the default `run` of `<case>.dl`.
        var arguments: [String] {
            guard let text = read("args") else { return ["run", "--no-seeds", "--format", "tsv", "\(name).dl"] }
            var lines = text.components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            return lines
        }

        /// The one-line description of the bug, for cases the binary gets wrong.
        var knownBug: String? {
            read("known_bug").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        }

        var stdinFile: URL? {
            FileManager.default.fileExists(atPath: file("stdin").path) ? file("stdin") : nil
        }
    }

    /// `Fixtures/` in the source tree (so that KG_UPDATE_GOLDEN writes where git sees it), or
    /// the copy SwiftPM puts in the test bundle's resources.
    static let fixturesDirectory: URL = {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        if FileManager.default.fileExists(atPath: source.path) { return source }
        return Bundle.module.resourceURL?.appendingPathComponent("Fixtures") ?? source
    }()

    /// Every case folder, by name: a folder of `Fixtures/` holding `<case>.dl` or `args`.
    /// (Other folders, such as `saved-queries/` of SavedQueryTests, are not golden cases.)
    static let allCases: [Case] = {
        let manager = FileManager.default
        let names = (try? manager.contentsOfDirectory(atPath: fixturesDirectory.path)) ?? []
        return names.sorted().compactMap { name in
            let directory = fixturesDirectory.appendingPathComponent(name)
            let isCase = manager.fileExists(atPath: directory.appendingPathComponent("\(name).dl").path)
                || manager.fileExists(atPath: directory.appendingPathComponent("args").path)
            return isCase ? Case(name: name, directory: directory) : nil
        }
    }()

    static let cases = allCases.filter { $0.knownBug == nil }
    static let knownBugCases = allCases.filter { $0.knownBug != nil }

    static var updating: Bool { ProcessInfo.processInfo.environment["KG_UPDATE_GOLDEN"] == "1" }

    @Test func fixturesAreFound() {
        #expect(Self.allCases.count >= 30, "expected the golden cases under \(Self.fixturesDirectory.path)")
        guard !Self.updating else { return }
        for c in Self.allCases where c.read("expected.status") == nil {
            Issue.record("case \(c.name) has no expected.status (run with KG_UPDATE_GOLDEN=1, then check it by hand)")
        }
    }

    @Test(arguments: cases)
    func golden(_ c: Case) throws {
        let outcome = try KGProcess.run(c.arguments, in: c.directory, stdinFile: c.stdinFile)
        if Self.updating {
            try write(outcome, to: c)
            return
        }
        compare(outcome, with: c)
    }

    /// Cases where the binary disagrees with the contract: skipped with the bug as the note,
    /// or run as known issues under KG_CHECK_KNOWN_BUGS=1.
    @Test(arguments: knownBugCases)
    func knownBug(_ c: Case) throws {
        let bug = c.knownBug ?? ""
        guard ProcessInfo.processInfo.environment["KG_CHECK_KNOWN_BUGS"] == "1" else {
            // Not run; the note shows in the test output as a known issue, which does not fail.
            withKnownIssue("skipped: known bug in case \(c.name) (see its known_bug file)") {
                Issue.record("\(bug)")
            }
            return
        }
        let outcome = try KGProcess.run(c.arguments, in: c.directory, stdinFile: c.stdinFile)
        withKnownIssue("known bug in case \(c.name): \(bug)") {
            compare(outcome, with: c)
        }
    }

    private func compare(_ outcome: KGProcess.Outcome, with c: Case) {
        let expectedOut = c.read("expected.out") ?? ""
        let expectedErr = c.read("expected.err") ?? ""
        let expectedStatus = c.read("expected.status").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        let command = "kg " + c.arguments.joined(separator: " ")
        #expect(outcome.stdout == expectedOut, "standard output of \(c.name) (\(command))\n\(Self.diff(expectedOut, outcome.stdout))")
        #expect(outcome.stderr == expectedErr, "standard error of \(c.name) (\(command))\n\(Self.diff(expectedErr, outcome.stderr))")
        #expect(outcome.status == expectedStatus, "exit status of \(c.name) (\(command))")
    }

    private func write(_ outcome: KGProcess.Outcome, to c: Case) throws {
        try Data(outcome.stdout.utf8).write(to: c.file("expected.out"))
        if outcome.stderr.isEmpty {
            try? FileManager.default.removeItem(at: c.file("expected.err"))
        } else {
            try Data(outcome.stderr.utf8).write(to: c.file("expected.err"))
        }
        try Data("\(outcome.status)\n".utf8).write(to: c.file("expected.status"))
    }

    /// A short line-by-line account of the first difference, with invisible characters shown.
    static func diff(_ expected: String, _ actual: String) -> String {
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        for i in 0..<max(e.count, a.count) {
            let x = i < e.count ? e[i] : nil, y = i < a.count ? a[i] : nil
            if x != y {
                func show(_ s: String?) -> String { s.map { String(reflecting: $0) } ?? "(no line)" }
                return "first difference at line \(i + 1):\n  expected: \(show(x))\n  actual:   \(show(y))"
            }
        }
        return "(same lines)"
    }
}
