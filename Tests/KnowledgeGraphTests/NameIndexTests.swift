import KGStore
import KnowledgeGraph
import Testing

@Suite struct NameIndexTests {
    static let graph = """
        type(v_session_4, dialogue_session).
        label(v_session_4, "Sesión 4: Experiencias de Regularización"@es).
        label(v_session_4, "Session 4: regularisation experiences"@en).
        alt_label(v_session_4, "Sesión 4"@es).
        title(v_session_4, "Experiencias de Regularización"@es).
        type(forum_2022, review_forum).
        label(forum_2022, "Foro de Examen de la Migración Internacional"@es).
        alt_label(forum_2022, "FEMI 2022"@es).
        acronym(forum_2022, "FEMI").
        descriptive_label(forum_2022, "Foro de Examen de 2022"@es).
        type(sesion_4_notes, report).
        type(plenary_3, plenary_meeting).
        printed_topic(plenary_3, "Recomendaciones del FEMI"@es).
        type(section_2, document_section).
        heading(section_2, "II. SESIÓN 4"@es).
        @source p1. alt_label(forum_2022, "FEMI 2022"@es).
        note(forum_2022, "FEMI is also in a note, which is no name").
        alt_label(forum_2022, 2022).
        """

    static func index() throws -> (Session, NameIndex) {
        let session = Session()
        let result = session.load(text: graph, name: "names.dl")
        try #require(!result.hasErrors, "\(result.diagnostics.map(\.description))")
        return (session, NameIndex(database: session.database))
    }

    @Test func namesComeLabelsFirstThenPrintedListedDescriptiveEachOnce() throws {
        let (_, index) = try Self.index()
        let names = index.names(of: .entity("forum_2022"))
        // The alt label stated twice (with and without a source) is one name; 2022 is no string.
        #expect(names.map(\.predicate) == [.label, .altLabel, .acronym, .descriptiveLabel])
        #expect(names.map(\.text) == ["Foro de Examen de la Migración Internacional", "FEMI 2022", "FEMI", "Foro de Examen de 2022"])
        #expect(index.names(of: .entity("forum_2022"), kinds: [.printed]).map(\.text) == ["FEMI 2022", "FEMI"])
        #expect(index.names(of: .entity("v_session_4")).map(\.predicate) == [.label, .label, .altLabel, .title])
        #expect(index.names(of: .entity("nobody")).isEmpty)
    }

    @Test func findMatchesEveryNameAndSaysWhichExactMatchesFirst() throws {
        let (_, index) = try Self.index()
        let hits = index.find("femi 2022")
        #expect(hits.map(\.entity) == [.entity("forum_2022")])
        #expect(hits.first?.matches == [.name(EntityName(predicate: .altLabel, value: .string("FEMI 2022", language: "es")))])
        #expect(hits.first?.exact == true)

        // "FEMI": the acronym equals it (first), the listed topic holds it.
        let femi = index.find("FEMI")
        #expect(femi.map(\.entity) == [.entity("forum_2022"), .entity("plenary_3")])
        #expect(femi[0].matches.map(\.source) == ["alt_label", "acronym"])
        #expect(femi[1].matches.map(\.source) == ["printed_topic"])
    }

    @Test func findRanksIdsAndLabelsBeforeOtherNamesThenById() throws {
        let (_, index) = try Self.index()
        let ids: [Term] = [.entity("v_session_4"), .entity("forum_2022"), .entity("sesion_4_notes"), .entity("plenary_3"), .entity("section_2")]
        let hits = index.find("sesion", ids: ids)
        // sesion_4_notes matches by id, v_session_4 by label (then alt label); section_2 only by
        // heading. No name equals the text, so none is exact.
        #expect(hits.map { SourceLocator.idText($0.entity) } == ["sesion_4_notes", "v_session_4", "section_2"])
        #expect(hits[0].matches == [.id("sesion_4_notes")])
        #expect(hits[1].matches.map(\.source) == ["label", "alt_label"])
        #expect(hits[2].matches.map(\.source) == ["heading"])
        // Descriptive labels match last.
        #expect(index.find("examen de 2022").map(\.rank) == [NamePredicate.Kind.descriptive.rawValue])
    }

    @Test func findIgnoresCaseAndAccentsAndLeavesOtherStringsOut() throws {
        let (_, index) = try Self.index()
        #expect(index.find("SESIÓN 4").count == index.find("sesion 4").count)
        #expect(index.find("also in a note").isEmpty)
        #expect(index.find("zzz").isEmpty)
    }

    @Test func prefixesOfAnyNameOfferOneNamePerEntity() throws {
        let (_, index) = try Self.index()
        let offered = index.entities(withNamePrefix: "femi")
        #expect(offered.map { SourceLocator.idText($0.entity) } == ["forum_2022"])
        #expect(offered.first?.name.text == "FEMI 2022")
        #expect(index.entities(withNamePrefix: "experiencias").map { $0.name.predicate } == [.title])
        #expect(index.entities(withNamePrefix: "recomendaciones").map { $0.name.predicate } == [.printedTopic])
    }

    @Test func aPrefixShowsTheNameThatStartsWithItAsTyped() throws {
        let session = Session()
        try #require(!session.load(text: "label(peru, \"Peru\"@en). label(peru, \"Perú\"@es).", name: "peru.dl").hasErrors)
        let index = NameIndex(database: session.database)
        // "Peru"@en comes first in term order; typed with its accent, the Spanish label is shown.
        #expect(index.entities(withNamePrefix: "Perú").map(\.name.text) == ["Perú"])
        #expect(index.entities(withNamePrefix: "Peru").map(\.name.text) == ["Peru"])
        #expect(index.entities(withNamePrefix: "per").map(\.name.text) == ["Peru"])
    }

    @Test func theOrderNeverDependsOnLoadOrder() throws {
        let lines = Self.graph.split(separator: "\n").filter { !$0.contains("@source") }.reversed().joined(separator: "\n")
        let session = Session()
        try #require(!session.load(text: lines, name: "reversed.dl").hasErrors)
        let (_, index) = try Self.index()
        let other = NameIndex(database: session.database)
        for entity in index.entities {
            #expect(other.names(of: entity) == index.names(of: entity))
        }
        #expect(other.find("femi").map(\.entity) == index.find("femi").map(\.entity))
    }
}
