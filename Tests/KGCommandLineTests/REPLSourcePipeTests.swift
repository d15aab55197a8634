import Foundation
import Testing

/// `:source` and `:why` with document lines, through a piped REPL on the fixture graph and
/// document of `Fixtures/citations/` (a made-up document: the project ships no real text).
@Suite struct REPLSourcePipeTests {
    static let citations = GoldenFixtureTests.fixturesDirectory.appendingPathComponent("citations")
    static var graph: String { citations.appendingPathComponent("seeds/minutes.dl").path }
    static var docs: String { citations.appendingPathComponent("docs").path }

    static func session(docs: Bool, _ script: String) throws -> KGProcess.Outcome {
        var arguments = ["--no-seeds", "--data", graph, "--format", "tsv"]
        if docs { arguments += ["--docs", Self.docs] }
        return try REPLPipe.session(arguments, script)
    }

    @Test func sourcePrintsTheCitedLinesUnderTheHeading() throws {
        let out = try Self.session(docs: true, ":source src_doc900_debate_p1\n")
        let lines = out.stdout.lines
        #expect(lines.first == "src_doc900_debate_p1 — 900_fixture_minutes.txt, lines 10–22")
        #expect(lines.contains("heading: II. Debate"))
        #expect(lines.contains("  11  La delegación de Aguaclara presentó su plan de riego."))
        #expect(lines.last == "  22  las delegaciones agradecieron el trabajo.")
        #expect(lines.count == 3 + 13)
        #expect(out.stderr == "")
    }

    @Test func withoutDocsSourceNamesTheLinesAndSaysHowToSeeThem() throws {
        let out = try Self.session(docs: false, ":source src_doc900_opening\n")
        #expect(out.stdout == "src_doc900_opening — 900_fixture_minutes.txt, lines 3–8\ndocument: src_doc900, Acta de la Reunión de Prueba del Foro Fluvial\nheading: I. Apertura\n")
        #expect(out.stderr.contains("--docs DIR"))
    }

    @Test func sourceErrorsKeepTheSessionGoing() throws {
        let out = try Self.session(docs: true, ":source src_doc900_debate_p9\n:source\n:source a b\n:source src_doc900\n?- attended(S, test_meeting).\n")
        #expect(out.stderr.contains("unknown source 'src_doc900_debate_p9'"))
        #expect(out.stderr.contains("did you mean src_doc900_debate_p1?"))
        #expect(out.stderr.contains("usage: :source SRC"))
        #expect(out.stderr.contains("'a b' is not a source id"))
        #expect(out.stderr.contains("src_doc900 is a whole document (900_fixture_minutes.txt)"))
        #expect(out.stdout == "S\naguaclara\nmontebajo\n")
    }

    @Test func whyListsEachBaseFactsDocumentAndLinesAndWithDocsTheText() throws {
        let plain = try Self.session(docs: false, ":why took_part(aguaclara, test_meeting)\n")
        #expect(plain.stdout.contains("└─ attended(aguaclara, test_meeting)  — stated in src_doc900_opening — 900_fixture_minutes.txt, lines 3–8\n"))
        let full = try Self.session(docs: true, ":why took_part(aguaclara, test_meeting)\n")
        #expect(full.stdout.contains("lines 3–8\n       3  I. Apertura\n       4  La reunión se abrió en Villa Prueba el 3 de marzo de 2031.\n"), "\(full.stdout)")
    }

    @Test func whyOfAnInferredFactSaysTheCuratorsInferredIt() throws {
        let out = try Self.session(docs: false, ":why in_year(test_meeting, 2031)\n")
        #expect(out.stdout == "in_year(test_meeting, 2031)  — inferred by the curators from src_doc900_opening (900_fixture_minutes.txt, lines 3–8): The year is taken from the opening's date; the minutes give no year of their own.\n")
    }

    @Test func helpListsSource() throws {
        let out = try Self.session(docs: false, ":help\n:help source\n")
        #expect(out.stdout.contains("  :source SRC"))
        #expect(out.stdout.hasSuffix(":source SRC\n  a source's document, heading and lines (their text with kg --docs DIR)\n"))
    }
}
