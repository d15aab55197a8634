import Foundation
import KGEngine
import KGTestSupport
import KnowledgeGraph
import Testing
@testable import KGServer

/// `kg serve --docs DIR`: the proofs of `/why` and `/api/why` show each stated fact's source
/// with its file and lines and the passage read from the user's copy of the documents, a
/// curator inference as "inferred by the curators from …" with the lines it was inferred
/// from; the entity and source pages show their passages, in both languages. Over the
/// made-up document of the citation fixtures (Tests/KGCommandLineTests/Fixtures/citations).
@Suite struct DocumentPassageTests {
    static var citations: URL {
        GraphFixture.packageRoot.appendingPathComponent("Tests/KGCommandLineTests/Fixtures/citations")
    }

    static func session(limits: EvaluationLimits) throws -> Session {
        var options = Session.Options()
        options.limits = limits
        let session = Session(options: options)
        let files = try SeedGraph.files(inDirectory: citations.appendingPathComponent("seeds").path)
        guard !session.load(paths: files).hasErrors else { throw GraphFixture.LoadFailure() }
        return session
    }

    static func start(docs: String?) throws -> HTTPServer {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.workers = 2
        var options = GraphServerOptions()
        options.docsDirectory = docs
        let server = try GraphServer.make(configuration: configuration, options: options) { try session(limits: $0) }
        try server.start()
        return server
    }

    static let server: Result<HTTPServer, Error> = Result { try start(docs: citations.appendingPathComponent("docs").path) }

    static func get(_ target: String) throws -> RawClient.Response { try RawClient.get(try server.get().port, target) }

    static func json(_ r: RawClient.Response) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any])
    }

    @Test func theWhyPageShowsEachFactsPassage() throws {
        let fact = GraphFixture.encode("presenter_at(montebajo, test_meeting)")
        for (path, stated, lines) in [("/why", "declarado en", "líneas 10–22"), ("/en/why", "stated in", "lines 10–22")] {
            let r = try Self.get("\(path)?fact=\(fact)")
            #expect(r.status == 200)
            #expect(r.text.contains("<code class=\"fact\">presented(montebajo, alert_network)</code> — \(stated) <a class=\"src\" href=\"entities/src_doc900_debate_p1.html\""))
            #expect(r.text.contains("<span class=\"where\">(900_fixture_minutes.txt, \(lines))</span>"))
            // The passage under its heading, the document's words escaped and numbered.
            #expect(r.text.contains("<span class=\"heading\" lang=\"es\">II. Debate</span>"))
            #expect(r.text.contains("<span class=\"ln\">14</span> La delegación de Montebajo presentó una red de alerta."))
            // attended/2 cites the opening: its lines are shown too, once.
            #expect(r.text.contains("<span class=\"ln\">6</span> Asistieron representantes de Aguaclara y de Montebajo."))
        }
    }

    @Test func aCuratorInferenceNamesWhatItWasInferredFrom() throws {
        let fact = GraphFixture.encode("in_year(test_meeting, 2031)")
        let es = try Self.get("/why?fact=\(fact)").text
        #expect(es.contains("<span class=\"inferred\">inferido</span> <a class=\"src inf\" href=\"entities/inf_test_meeting_year.html\""))
        #expect(es.contains("inferido por los curadores a partir de src_doc900_opening (900_fixture_minutes.txt, líneas 3–8): The year is taken from the opening"))
        #expect(es.contains("<span class=\"ln\">4</span> La reunión se abrió en Villa Prueba el 3 de marzo de 2031."))
        let en = try Self.get("/en/why?fact=\(fact)&part=1").text
        #expect(en.contains("inferred by the curators from src_doc900_opening (900_fixture_minutes.txt, lines 3–8): The year is taken from the opening"))
    }

    @Test func theAPIGivesTheLinesOfEachSource() throws {
        let stated = try Self.json(try Self.get("/api/why?fact=" + GraphFixture.encode("presented(montebajo, alert_network)")))
        #expect((stated["text"] as? String)?.contains("stated in src_doc900_debate_p1 — 900_fixture_minutes.txt, lines 10–22") == true)
        #expect((stated["text"] as? String)?.contains("14  La delegación de Montebajo presentó una red de alerta.") == true)
        let proof = try #require(stated["proof"] as? [String: Any])
        let source = try #require((proof["sources"] as? [[String: Any]])?.first)
        #expect(source["id"] as? String == "src_doc900_debate_p1")
        #expect(source["heading"] as? String == "II. Debate" && source["heading_printed"] as? Bool == true)
        #expect(source["first"] as? Int == 10 && source["last"] as? Int == 22)
        let text = try #require(source["text"] as? [[String: Any]])
        #expect(text.count == 13)
        #expect(text.first { $0["line"] as? Int == 14 }?["text"] as? String == "La delegación de Montebajo presentó una red de alerta.")

        let inferred = try Self.json(try Self.get("/api/why?fact=" + GraphFixture.encode("in_year(test_meeting, 2031)")))
        let leaf = try #require(((inferred["proof"] as? [String: Any])?["sources"] as? [[String: Any]])?.first)
        #expect(leaf["id"] as? String == "inf_test_meeting_year" && leaf["inferred"] as? Bool == true)
        #expect((leaf["note"] as? String)?.hasPrefix("The year is taken from the opening's date") == true)
        let from = try #require((leaf["from"] as? [[String: Any]])?.first)
        #expect(from["id"] as? String == "src_doc900_opening" && from["first"] as? Int == 3 && from["last"] as? Int == 8)
        #expect((from["text"] as? [[String: Any]])?.count == 6)
    }

    @Test func entityAndSourcePagesShowTheirPassages() throws {
        let es = try Self.get("/entities/montebajo.html").text
        #expect(es.contains("<h2>Pasajes citados</h2>"))
        #expect(es.contains("<span class=\"ln\">14</span> La delegación de Montebajo presentó una red de alerta."))
        let en = try Self.get("/en/entities/montebajo.html").text
        #expect(en.contains("<h2>Cited passages</h2>"))
        let source = try Self.get("/en/entities/src_doc900_debate_p1.html").text
        #expect(source.contains("<h2>Text</h2>") && source.contains("<span class=\"ln\">11</span> La delegación de Aguaclara presentó su plan de riego."))
        let inference = try Self.get("/entities/inf_test_meeting_year.html").text
        #expect(inference.contains("<h2>Inferencia</h2>"))
    }

    @Test func aMissingDocumentsFolderIsAnErrorAtStart() throws {
        #expect(throws: SourceLookupError.self) { try Self.start(docs: "/nonexistent/kg-docs") }
        // A folder without the document's file: the pages cannot show its passages.
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("kg-empty-docs-\(getpid())")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: SourceLookupError.self) { try Self.start(docs: empty.path) }
    }
}
