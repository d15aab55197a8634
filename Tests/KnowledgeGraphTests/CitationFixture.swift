import Foundation
import KGStore
import KnowledgeGraph
import Testing

/// A small document of our own and a graph citing it by the seed graph's conventions
/// (seeds/README.md): the project ships no text of the real documents, so the unit tests of
/// the citation code run on this.
enum CitationFixture {
    /// `900_test.txt`: 20 lines; a title, a short section (3–6), a long one (8–19) split into
    /// two passages (8–13, 14–19), a blank line 7 and a blank last line.
    static let document = [
        "ACTA DE PRUEBA",                                        // 1
        "",                                                      // 2
        "I. Apertura",                                           // 3
        "Se abrió en Villa Prueba el 3 de marzo de 2031.",       // 4
        "la presidencia saludó.",                                // 5
        "Asistieron Aguaclara y Montebajo.",                     // 6
        "",                                                      // 7
        "II. Debate",                                            // 8
        "Aguaclara presentó su plan.",                           // 9
        "\tel plan abarca 40 comunidades.",                      // 10
        "se hicieron preguntas.",                                // 11
        "Montebajo presentó una red.",                           // 12
        "la red usa estaciones.",                                // 13
        "la OEA tomó nota.",                                     // 14
        "se propuso una visita.",                                // 15
        "hubo acuerdo.",                                         // 16
        "se habló de Río Claro.",                                // 17
        "no hubo objeciones.",                                   // 18
        "se cerró el punto.",                                    // 19
        "",                                                      // 20
    ].joined(separator: "\n") + "\n"

    static let graph = """
        @source src_doc900.
        type(src_doc900, document).
        label(src_doc900, "Acta de prueba"@es).
        source_file(src_doc900, "900_test.txt").
        type(src_doc900_opening, document_section). section_of(src_doc900_opening, src_doc900).
        seq(src_doc900_opening, 1). line_range(src_doc900_opening, 3, 6). heading(src_doc900_opening, "I. Apertura"@es).
        type(src_doc900_debate, document_section). section_of(src_doc900_debate, src_doc900).
        seq(src_doc900_debate, 2). line_range(src_doc900_debate, 8, 19). label(src_doc900_debate, "Debate"@es).
        type(src_doc900_debate_p1, passage). passage_of(src_doc900_debate_p1, src_doc900_debate).
        seq(src_doc900_debate_p1, 1). line_range(src_doc900_debate_p1, 8, 13).
        type(src_doc900_debate_p2, passage). passage_of(src_doc900_debate_p2, src_doc900_debate).
        seq(src_doc900_debate_p2, 2). line_range(src_doc900_debate_p2, 14, 19).
        type(inf_year, curator_inference). inferred_from(inf_year, src_doc900_opening).
        note(inf_year, "The year is the opening's.").
        @source src_doc900_opening.
        attended(aguaclara, test_meeting).
        @source src_doc900_debate_p1.
        presented(aguaclara, plan).
        @source inf_year.
        in_year(test_meeting, 2031).
        """

    /// A fresh temporary folder holding `files` (name → bytes); removed by the caller.
    static func folder(_ files: [String: [UInt8]]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kg-citations-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: url.appendingPathComponent(name)) }
        return url
    }

    /// The folder with the fixture document.
    static func documentsFolder() throws -> URL { try folder(["900_test.txt": Array(document.utf8)]) }

    /// A session holding the fixture graph and `extra` statements.
    static func session(_ extra: String = "", recordLocations: Bool = false) throws -> Session {
        var options = Session.Options()
        options.recordFactLocations = recordLocations
        let session = Session(options: options)
        let result = session.load(texts: [("graph.dl", graph), ("extra.dl", extra)])
        try #require(!result.hasErrors, "fixture graph: \(result.diagnostics.map(\.description))")
        return session
    }

    /// The real documents (`shared/docs` beside an ancestor of the package, as in
    /// /work/shared/docs; or `KG_DOCS`), when this machine has them.
    static let realDocuments: URL? = {
        let fm = FileManager.default
        if let path = ProcessInfo.processInfo.environment["KG_DOCS"], fm.fileExists(atPath: path) { return URL(fileURLWithPath: path) }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<8 {
            dir = dir.deletingLastPathComponent()
            let candidate = dir.appendingPathComponent("shared/docs")
            if fm.fileExists(atPath: candidate.appendingPathComponent("README.md").path) { return candidate }
        }
        return nil
    }()
}
