import KGStore
import KnowledgeGraph
import Testing

@Suite struct LineRecordingTests {
    static func recorded(_ strings: [String], numbers: [Int64] = [], dates: [String] = []) -> RecordedValues {
        var v = RecordedValues()
        for s in strings { v.add(text: s) }
        for n in numbers { v.add(value: .integer(n)) }
        for d in dates { if let date = KGDate(iso: d) { v.add(value: .date(date)) } }
        return v
    }

    @Test func aFullyRecordedLineHasNothingMissing() {
        let v = Self.recorded(["Villa Prueba", "Aguaclara", "Montebajo"], dates: ["2031-03-03"])
        #expect(LineRecording.unrecorded("La reunión se abrió en Villa Prueba el 3 de marzo de 2031.", recorded: v).isEmpty)
        #expect(LineRecording.unrecorded("Asistieron representantes de Aguaclara y de Montebajo.", recorded: v).isEmpty)
    }

    @Test func whatIsMissingIsReportedByKind() {
        let v = Self.recorded(["Aguaclara"], numbers: [2031])
        let missing = LineRecording.unrecorded("Se abrió en Villa Prueba el 3 de marzo de 2031 con Aguaclara y la FAO.", recorded: v)
        #expect(missing == [
            UnrecordedToken(kind: .figure, text: "3"), UnrecordedToken(kind: .date, text: "marzo"),
            UnrecordedToken(kind: .name, text: "Villa Prueba"), UnrecordedToken(kind: .acronym, text: "FAO"),
        ])
        #expect(missing.map(\.description) == ["figure 3", "date marzo", "name Villa Prueba", "acronym FAO"])
    }

    @Test func aRunIsReadAsTheLongestRecordedStretchesAndOnlyTheRestIsMissing() {
        let v = Self.recorded(["Ministerio de Relaciones Exteriores de Guatemala", "Carlos Ramiro"])
        let line = "habló el Ministerio de Relaciones Exteriores de Guatemala Carlos Ramiro Martínez Alvarado."
        #expect(LineRecording.unrecorded(line, recorded: v) == [UnrecordedToken(kind: .name, text: "Martínez Alvarado")])
        // Unrecorded words around a connector are reported together; a recorded word splits them.
        let w = Self.recorded(["Claro"])
        #expect(LineRecording.unrecorded("se habló de Villa de Río Claro Norte", recorded: w).map(\.text) == ["Villa de Río", "Norte"])
    }

    @Test func sentenceInitialWordsAndGenericWordsAreNeverReportedAlone() {
        let v = Self.recorded(["México", "Gobierno de El Salvador"])
        #expect(LineRecording.unrecorded("Asistieron delegados. Durante la reunión el Gobierno de México habló.", recorded: v).isEmpty)
        #expect(LineRecording.unrecorded("los Estados y los Países Miembros, con la Presidencia Pro-Témpore. Foto: OIM", recorded: v)
                == [UnrecordedToken(kind: .acronym, text: "OIM")])
        // A generic word that is part of a recorded stretch is recorded with it.
        #expect(LineRecording.unrecorded("el Gobierno de El Salvador", recorded: v).isEmpty)
        #expect(LineRecording.unrecorded("al Pueblo y a los Organismos Observadores", recorded: v).isEmpty)
        // A single letter (an OCR remnant) is never reported alone.
        #expect(LineRecording.unrecorded("se vio L Migración en México", recorded: v).map(\.text) == ["Migración"])
        // A capitalised acronym starting the line is still reported.
        #expect(LineRecording.unrecorded("FAO tomó nota.", recorded: v).map(\.text) == ["FAO"])
    }

    @Test func aLineWithNothingToRecordIsRecorded() {
        #expect(LineRecording.unrecorded("la sesión siguió.", recorded: RecordedValues()).isEmpty)
    }
}
