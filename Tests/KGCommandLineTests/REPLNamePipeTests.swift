import Foundation
import Testing

/// `:find` and `:describe`'s names through a piped REPL: every name of an entity (labels,
/// alt labels, acronyms, titles, headings, listed topics, descriptive labels) is findable,
/// and each hit says which name matched and from which predicate.
@Suite struct REPLNamePipeTests {
    @Test func findFEMI2022FindsTheForumByItsPrintedAltLabelFirst() throws {
        let out = try REPLPipe.session([], ":find \"FEMI 2022\"\n:find FEMI 2022\n")
        let lines = out.stdout.lines
        // The forum's alt label is the whole text: it comes first, before the labels that
        // only contain it (a section and an inference about that forum).
        #expect(lines.first == "imrf_2022  — alt_label \"FEMI 2022\"@es")
        #expect(lines.contains { $0.hasPrefix("src_doc004_item_6  — label ") })
        // Quoted and unquoted are one search.
        #expect(lines.count % 2 == 0)
        #expect(Array(lines.prefix(lines.count / 2)) == Array(lines.suffix(lines.count / 2)))
        #expect(out.stderr == "")
    }

    @Test func findSesion4FindsTheSessionByItsHeadingForm() throws {
        let out = try REPLPipe.session([], ":find Sesión 4\n:find sesion 4\n")
        let lines = out.stdout.lines
        // The session's alt label "Sesión 4" is the whole text; its label only contains it.
        #expect(lines.first == "v_plenary_session_4  — label \"Sesión 4: Experiencias de Regularización, Vías Legales de Integración y Mecanismos de Protección Internacional\"@es; alt_label \"Sesión 4\"@es")
        // The section is found by its label and by its printed heading.
        let section = try #require(lines.first { $0.hasPrefix("src_doc003_session_4  — ") })
        #expect(section.contains("; heading \"SESIÓN 4: EXPERIENCIAS DE REGULARIZACIÓN"))
        // Accents and case do not matter.
        #expect(Array(lines.prefix(lines.count / 2)) == Array(lines.suffix(lines.count / 2)))
    }

    @Test func findReportsEachKindOfNameInOrderAndListedTopicsAfterNames() throws {
        let out = try REPLPipe.session("""
            type(forum, review_forum). label(forum, "Foro de Examen"@es). alt_label(forum, "FEMI 2022"@es).
            acronym(forum, "FEMI"). descriptive_label(forum, "Foro del FEMI de 2022"@es).
            type(plenary, plenary_meeting). printed_topic(plenary, "Tema 1: el FEMI"@es).
            type(femi_notes, report).
            :find femi
            :find ""

            """)
        #expect(out.stdout == """
            forum  — alt_label "FEMI 2022"@es; acronym "FEMI"; descriptive_label "Foro del FEMI de 2022"@es
            femi_notes  — id
            plenary  — printed_topic "Tema 1: el FEMI"@es

            """)
        #expect(out.stderr.contains("usage: :find TEXT"))
    }

    @Test func describeListsEveryNameWithItsSourcesAndLeavesThemOutOfTheEdges() throws {
        let out = try REPLPipe.session("""
            @source sec1. type(forum, review_forum). label(forum, "Foro de Examen"@es). alt_label(forum, "FEMI 2022"@es).
            @source kg_schema. descriptive_label(forum, "Foro del FEMI de 2022"@es).
            @source sec2. alt_label(forum, "FEMI 2022"@es). held_in(forum, ciudad).
            :describe forum

            """)
        #expect(out.stdout.hasPrefix("""
            forum
              labels: "Foro de Examen"@es
              names:
                alt_label "FEMI 2022"@es  [sec1, sec2]
                descriptive_label "Foro del FEMI de 2022"@es  [kg_schema]
              type: review_forum
              outgoing:
                -> held_in ciudad  [sec2]
                -> type review_forum  [sec1]

            """), "\(out.stdout)")
    }
}
