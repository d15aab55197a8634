import Foundation
import Testing
import KnowledgeGraph

/// A fresh temporary directory holding `files` (relative path → text).
private func directory(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("kg-include-\(UUID().uuidString)")
    for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return root
}

@Suite struct IncludeTests {
    @Test func includeIsRelativeToTheIncludingFile() throws {
        let root = try directory([
            "main.dl": "@include \"rules/closure.dl\".\nedge(a, b). edge(b, c).\n?- path(a, Y).",
            "rules/closure.dl": "@include \"../data/more.dl\".\npath(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).",
            "data/more.dl": "edge(c, d).",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let session = Session()
        let result = session.load(path: root.appendingPathComponent("main.dl").path)
        #expect(result.diagnostics.map(\.message) == [])
        #expect(rows(try session.answer(result.queries[0])) == ["b", "c", "d"])
    }

    @Test func includeCycleIsAnErrorAtTheInclude() throws {
        let root = try directory([
            "a.dl": "p(a).\n@include \"b.dl\".",
            "b.dl": "q(b).\n  @include \"a.dl\".",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = Session().load(path: root.appendingPathComponent("a.dl").path)
        #expect(result.diagnostics.map(place) == ["2:3: @include cycle: a.dl -> b.dl -> a.dl"])
        #expect(result.diagnostics.first?.range?.file.name.hasSuffix("b.dl") == true)
    }

    @Test func missingIncludeIsAnError() throws {
        let root = try directory(["a.dl": "p(a).\n@include \"nowhere.dl\"."])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = Session().load(path: root.appendingPathComponent("a.dl").path)
        let missing = root.appendingPathComponent("nowhere.dl").path
        #expect(result.diagnostics.map(place) == ["2:1: cannot read '\(missing)': no such file"])
    }

    @Test func prefixesDeclaredBeforeAnIncludeReachTheIncludedFile() throws {
        let root = try directory([
            "a.dl": "@prefix ex: <http://example.org/>.\n@include \"b.dl\".\n?- ex:knows(X, Y).",
            "b.dl": "ex:knows(ex:alice, ex:bob).",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let session = Session()
        let result = session.load(path: root.appendingPathComponent("a.dl").path)
        #expect(result.diagnostics.map(\.message) == [])
        #expect(rows(try session.answer(result.queries[0])) == ["<http://example.org/alice>, <http://example.org/bob>"])
    }
}
