import KnowledgeGraph
import Testing

@Suite struct LineTokensTests {
    @Test func figuresKeepTheirGroupsAndSkipMarksEnumeratorsAndMarkup() {
        #expect(LineTokens("regularizar a 96.000 migrantes a las 9:00 y 10,5 %").figures == ["96.000", "9:00", "10,5"])
        #expect(LineTokens("el Decreto 181/2023 y 12 000 pesos, 1 234 567 en total").figures == ["181", "2023", "12 000", "1 234 567"])
        // A list's enumerator, a footnote mark glued to a word, an ornament, an export's markup.
        #expect(LineTokens("1) Pacto Mundial de 2018").figures == ["2018"])
        #expect(LineTokens("  2. Reforzar los conocimientos").figures.isEmpty)
        #expect(LineTokens("b) en 2022").figures == ["2022"])
        #expect(LineTokens("2CICR, OIT ---ooo0ooo---").figures.isEmpty)
        #expect(LineTokens("[bookmark: _Hlk104370714]La CRM, creada en 1996").figures == ["1996"])
        // A footnote's mark after a bracket, its number opening its text, "[1:" of an export.
        #expect(LineTokens("Alertas Tempranas (CIPRAT)6 | Colombia").figures.isEmpty)
        #expect(LineTokens("5 Espacios de diálogo de 2023").figures == ["2023"])
        #expect(LineTokens("10 de septiembre de 2021").figures == ["10", "2021"])
        #expect(LineTokens("entre otros: [1:  La página de 2022]").figures == ["2022"])
        // The day before a month, the year after it, and the date word itself.
        let date = LineTokens("el 3 de marzo de 2031, y en Septiembre")
        #expect(date.figures == ["3", "2031"])
        #expect(date.months == ["marzo", "Septiembre"])
    }

    @Test func namesAreRunsOfCapitalisedWordsJoinedByConnectors() {
        let tokens = LineTokens("La Conferencia Regional sobre Migración (CRM) y la Conferencia Suramericana sobre Migraciones, en Villa Prueba.")
        #expect(tokens.names.map(\.text) == ["Conferencia Regional sobre Migración", "CRM", "Conferencia Suramericana sobre Migraciones", "Villa Prueba"])
        #expect(tokens.names.map(\.isAcronym) == [false, true, false, false])
        // The article dropped, the run is no longer the sentence's first word.
        #expect(tokens.names.first?.sentenceInitial == false)
        // A connector joins only two capitalised words; punctuation and figures end a run.
        #expect(LineTokens("Aguaclara y de Montebajo").names.map(\.text) == ["Aguaclara y de Montebajo"])
        #expect(LineTokens("se habló de Aguaclara y de su red").names.map(\.text) == ["Aguaclara"])
        #expect(LineTokens("FEMI 2022: Guatemala /El Salvador").names.map(\.text) == ["FEMI", "Guatemala", "El Salvador"])
    }

    @Test func aRunRemembersWhetherItStartsASentence() {
        let tokens = LineTokens("Asistieron delegados. Ecuador habló; luego Perú.")
        #expect(tokens.names.map(\.text) == ["Asistieron", "Ecuador", "Perú"])
        #expect(tokens.names.map(\.sentenceInitial) == [true, true, false])
    }

    @Test func headingsInCapitalsAreNamesAndOCRsCapitalIIsReadBack() {
        #expect(LineTokens("SESION 4: EXPERIENCIAS DE REGULARIZACION").names.map(\.text) == ["SESION", "EXPERIENCIAS DE REGULARIZACION"])
        #expect(LineTokens("la Il Revisión Regional; enfatizó Ia Agenda").names.map(\.text) == ["II Revisión Regional", "Agenda"])
        // One letter is no name.
        #expect(LineTokens("A veces, y E.").names.isEmpty)
    }

    @Test func monthsInSpanishAnyCaseAndEnglishCapitalised() {
        #expect(LineTokens.month("DICIEMBRE") == 12)
        #expect(LineTokens.month("setiembre") == 9)
        #expect(LineTokens.month("May") == 5)
        #expect(LineTokens.month("may") == nil)
    }

    @Test func aLineStartsASentenceAfterAFullStopABlankLineOrAHeading() {
        #expect(LineTokens.startsSentence(after: ""))
        #expect(LineTokens.startsSentence(after: "se cerró el punto."))
        #expect(LineTokens.startsSentence(after: "Objetivos Específicos:"))
        #expect(LineTokens.startsSentence(after: "SESION 4: EXPERIENCIAS DE REGULARIZACION, VIAS LEGALES DE"))
        #expect(LineTokens.startsSentence(after: "II. Debate sobre el plan de riego de la cuenca"))
        #expect(LineTokens.startsSentence(after: "I. Apertura"))
        #expect(!LineTokens.startsSentence(after: "procesos de regularización y vías legales para"))
        // Wrapped: the first word of the next line is a name, not a sentence's first word.
        #expect(LineTokens("Ecuador enfatizó", startsSentence: false).names.first?.sentenceInitial == false)
        #expect(NotableLine.kinds("Ecuador enfatizó", startsSentence: false) == [.name])
        #expect(NotableLine.kinds("Ecuador enfatizó").isEmpty)
    }
}
