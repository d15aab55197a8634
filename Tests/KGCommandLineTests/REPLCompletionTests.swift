@testable import KGCommandLine
import KnowledgeGraph
import Testing

/// Tab completion's candidates (`REPLCompletion`), entities by any of their names above all.
@Suite struct REPLCompletionTests {
    static func session(_ text: String) throws -> Session {
        let session = Session()
        let result = session.load(text: text, name: "completion.dl")
        try #require(!result.hasErrors, "\(result.diagnostics.map(\.description))")
        return session
    }

    static func offered(_ line: String, _ session: Session) -> [String] {
        REPLCompletion.candidates(line: line, cursor: line.count, session: session).candidates.map(\.display)
    }

    static let graph = """
        type(imrf_2022, review_forum). label(imrf_2022, "Foro de Examen"@es). alt_label(imrf_2022, "FEMI 2022"@es).
        acronym(imrf_2022, "IMRF").
        type(imrf_2026, review_forum). alt_label(imrf_2026, "FEMI 2026"@es). acronym(imrf_2026, "IMRF").
        type(peru, state). label(peru, "Perú"@es).
        type(rrocm, civil_society_network). acronym(rrocm, "RNCOM"). acronym(rrocm, "RROCM").
        type(session_4, dialogue_session). title(session_4, "Experiencias de Regularización"@es).
        type(plenary, plenary_meeting). printed_topic(plenary, "Migración laboral"@es).
        type(report_1, report). descriptive_label(report_1, "Informe curado"@es).
        """

    @Test func entitiesByEveryKindOfName() throws {
        let session = try Self.session(Self.graph)
        #expect(Self.offered("?- held_in(Perú", session) == ["peru (Perú)"])
        #expect(Self.offered("?- x(FEMI", session) == ["imrf_2022 (FEMI 2022)", "imrf_2026 (FEMI 2026)"])
        #expect(Self.offered("?- x(rnc", session) == ["rrocm (RNCOM)"])
        #expect(Self.offered("?- x(experiencias", session) == ["session_4 (Experiencias de Regularización)"])
        #expect(Self.offered("?- x(migracion", session) == ["plenary (Migración laboral)"])
        #expect(Self.offered("?- x(Informe", session) == ["report_1 (Informe curado)"])
        // One candidate per entity, with its first name (in NameIndex order) that matches.
        #expect(Self.offered("?- x(foro", session) == ["imrf_2022 (Foro de Examen)"])
    }

    @Test func idsAndPredicatesComeBeforeNames() throws {
        let session = try Self.session(Self.graph)
        // "imrf" starts two ids: the acronyms "IMRF" are not offered on top of them.
        #expect(Self.offered("?- x(imrf", session) == ["imrf_2022", "imrf_2026"])
        #expect(Self.offered("?- acr", session) == ["acronym/2"])
        #expect(Self.offered("?- x(zzz", session).isEmpty)
    }
}
