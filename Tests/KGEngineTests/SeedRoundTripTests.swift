import Foundation
import KGFormats
import KGStore
import KnowledgeGraph
import Testing

/// What kg exports, kg reads back to the same graph: the seed graph through N-Quads (with
/// sources), N-Triples and Turtle.
@Suite struct SeedRoundTripTests {
    /// Every stated binary fact of a session as (subject, predicate, object, sorted sources).
    static func facts(_ session: Session) throws -> Set<String> {
        let model = try session.evaluate()
        var out = Set<String>()
        for (name, relation) in model.model.relations where relation.arity == 2 {
            for row in 0..<relation.count where model.isStated(name, row: row) {
                let s = model.model.dictionary[relation.value(row: row, column: 0)]
                let o = model.model.dictionary[relation.value(row: row, column: 1)]
                guard case .entity = s else { continue }   // literal subjects have no RDF form
                let sources = (relation.sources[Int32(row)] ?? []).map { model.model.dictionary[$0].text }.sorted()
                out.insert("\(DatalogText.term(s)) \(name) \(DatalogText.term(o)) \(sources)")
            }
        }
        return out
    }

    static func seeds() -> Session {
        let session = Session()
        let result = session.loadEmbeddedSeeds()
        #expect(!result.hasErrors)
        return session
    }

    static func exported(_ session: Session, _ format: RDFFormat) throws -> String {
        let (statements, _) = try GraphExport.statements(session, derived: false)
        var text = ""
        RDFWriter(format: format).write(statements, to: &text)
        return text
    }

    static func reloaded(_ text: String, ext: String) throws -> Session {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kg-roundtrip-\(getpid())-\(ext).\(ext)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let session = Session()
        let result = session.load(path: path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        return session
    }

    @Test func nQuadsKeepEveryTripleAndItsSources() throws {
        let original = Self.seeds()
        let back = try Self.reloaded(try Self.exported(original, .nQuads), ext: "nq")
        let before = try Self.facts(original), after = try Self.facts(back)
        #expect(before.count > 2500)
        #expect(before == after, "lost: \(before.subtracting(after).sorted().prefix(5)); gained: \(after.subtracting(before).sorted().prefix(5))")
    }

    @Test(arguments: [RDFFormat.nTriples, .turtle])
    func triplesSurviveWithoutSources(_ format: RDFFormat) throws {
        let original = Self.seeds()
        let back = try Self.reloaded(try Self.exported(original, format), ext: format == .turtle ? "ttl" : "nt")
        func strip(_ facts: Set<String>) -> Set<String> { Set(facts.map { String($0[..<($0.range(of: " [")?.lowerBound ?? $0.endIndex)]) }) }
        #expect(strip(try Self.facts(original)) == strip(try Self.facts(back)))
    }

    @Test func exportIsByteStable() throws {
        #expect(try Self.exported(Self.seeds(), .turtle) == (try Self.exported(Self.seeds(), .turtle)))
    }
}
