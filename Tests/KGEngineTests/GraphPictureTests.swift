import Foundation
import KGStore
import KnowledgeGraph
import Testing

// `kg export --format dot`: the Graphviz picture of the entity-to-entity edges.

private func session(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Session {
    let session = Session()
    let result = session.load(text: text, name: "picture.dl")
    try #require(!result.hasErrors, "load errors: \(result.diagnostics.map(\.description))", sourceLocation: sourceLocation)
    return session
}

/// The node ids a picture declares (lines `"id" [label=...]`).
private func nodes(_ dot: String) -> [String] {
    dot.split(separator: "\n").compactMap { line in
        let t = line.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("\""), t.contains(" [label="), !t.contains(" -> ") else { return nil }
        return String(t.dropFirst().prefix { $0 != "\"" })
    }
}

private func edgeLines(_ dot: String) -> [String] {
    dot.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.contains(" -> ") }
}

@Suite("GraphPicture")
struct GraphPictureTests {
    static let tiny = """
        subclass_of(rcp, body).
        type(csm, rcp).
        type(ecuador, state).
        type(quito, city).
        label(ecuador, "Ecuador"@en).
        label(ecuador, "Ecuador"@es).
        label(csm, "Conferencia Suramericana sobre Migraciones"@es).
        label(csm, "South American Conference on Migration"@en).
        acronym(csm, "CSM").
        note(csm, "a curator's note").
        topic(csm, "migration").
        member_of(ecuador, csm).
        capital(ecuador, quito).
        """

    @Test("a tiny graph gives exactly this picture")
    func tinyGraph() throws {
        let dot = try GraphPicture.dot(try session(Self.tiny), around: nil, depth: 1)
        let expected = """
            digraph kg {
              graph [rankdir=LR, fontname="Helvetica"];
              node [style=filled, fontname="Helvetica", fontsize=10];
              edge [fontname="Helvetica", fontsize=8, color="#555555"];
              "csm" [label="South American Conference on\\nMigration", shape=ellipse, fillcolor="#b2df8a"];
              "ecuador" [label="Ecuador", shape=box, fillcolor="#a6cee3"];
              "quito" [label="quito", shape=ellipse, fillcolor="#ffffff"];
              "ecuador" -> "quito" [label="capital"];
              "ecuador" -> "csm" [label="member_of"];
            }

            """
        #expect(dot == expected)
    }

    @Test("the same graph gives the same bytes every time")
    func deterministic() throws {
        let a = try GraphPicture.dot(try session(Self.tiny), around: nil, depth: 1)
        let b = try GraphPicture.dot(try session(Self.tiny), around: nil, depth: 1)
        #expect(a == b)
    }

    static let chain = """
        next(a, b). next(b, c). next(c, d). next(e, a).
        label(b, "Bee"@en).
        type(b, state).
        """

    @Test("--around keeps the entities within depth steps, in both directions")
    func aroundDepth() throws {
        let s = try session(Self.chain)
        let zero = try GraphPicture.dot(s, around: .entity("b"), depth: 0)
        #expect(nodes(zero) == ["b"])
        #expect(edgeLines(zero).isEmpty)

        let one = try GraphPicture.dot(s, around: .entity("b"), depth: 1)
        #expect(nodes(one) == ["a", "b", "c"])
        #expect(edgeLines(one) == ["\"a\" -> \"b\" [label=\"next\"];", "\"b\" -> \"c\" [label=\"next\"];"])
        #expect(one.contains("\"b\" [label=\"Bee\", shape=box, fillcolor=\"#a6cee3\", penwidth=3];"))

        let two = try GraphPicture.dot(s, around: .entity("b"), depth: 2)
        #expect(nodes(two) == ["a", "b", "c", "d", "e"])
        #expect(edgeLines(two).count == 4)

        let all = try GraphPicture.dot(s, around: nil, depth: 1)
        #expect(nodes(all) == ["a", "b", "c", "d", "e"])
    }

    @Test("quotes, backslashes and line breaks are escaped in DOT strings")
    func escaping() throws {
        let s = try session(#"""
            label(x, "say \"hi\" \\ then\nmore, and a long tail"@en).
            link(x, y).
            """#)
        let dot = try GraphPicture.dot(s, around: nil, depth: 1)
        #expect(dot.contains(##""x" [label="say \"hi\" \\ then\nmore, and a long tail", shape=ellipse, fillcolor="#ffffff"];"##))
        #expect(dot.contains(#""x" -> "y" [label="link"];"#))
    }

    @Test("--around an entity no fact mentions is an error naming it")
    func unknownEntity() throws {
        let s = try session(Self.chain)
        #expect(throws: GraphPicture.UnknownEntity.self) {
            try GraphPicture.dot(s, around: .entity("nowhere"), depth: 1)
        }
        do {
            _ = try GraphPicture.dot(s, around: .entity("nowhere"), depth: 1)
        } catch {
            #expect("\(error)".contains("unknown entity 'nowhere'"))
        }
    }

    @Test("naming predicates, literal objects and derived edges are left out")
    func leftOut() throws {
        let s = try session(Self.tiny + "\nlinked(X, Y) :- member_of(X, Y).\n")
        let dot = try GraphPicture.dot(s, around: nil, depth: 1)
        for word in ["subclass_of", "acronym", "note", "topic", "migration", "rcp", "linked"] {
            #expect(!dot.contains(word), "\(word) should not be drawn")
        }
        let derived = try GraphPicture.dot(s, around: nil, depth: 1, derived: true)
        #expect(derived.contains(#""ecuador" -> "csm" [label="linked"];"#))
    }

    @Test("the seed graph's picture around an entity is well formed")
    func seedGraph() throws {
        let s = Session()
        #expect(!s.loadEmbeddedSeeds().hasErrors)
        let dot = try GraphPicture.dot(s, around: .entity("ecuador"), depth: 1)
        #expect(dot.hasPrefix("digraph kg {\n"))
        #expect(dot.hasSuffix("}\n"))
        #expect(dot.contains(#""ecuador" -> "csm" [label="member_of"];"#))
        #expect(dot.contains(##""csm" [label="South American Conference on\nMigration", shape=ellipse"##))
        // Every edge joins two declared nodes.
        let declared = Set(nodes(dot))
        for line in edgeLines(dot) {
            let parts = line.components(separatedBy: "\"")
            #expect(declared.contains(parts[1]) && declared.contains(parts[3]), "\(line)")
        }
    }
}
