import KnowledgeGraph
import Testing

@Suite struct NotableLineTests {
    @Test(arguments: [
        ("se reunieron 40 delegados.", [NotableLine.Kind.figure]),
        ("la reunión fue en marzo.", [.date]),
        ("la reunión fue en Septiembre pasado.", [.date, .name]),
        ("se habló con la OIM.", [.acronym]),
        ("se habló de Aguaclara y de su red.", [.name]),
        ("COVID-19 cambió todo.", [.figure, .acronym]),
    ])
    func aLineCarries(_ line: String, _ kinds: [NotableLine.Kind]) {
        #expect(NotableLine.kinds(line) == kinds, "\(line)")
    }

    @Test(arguments: [
        "La reunión siguió.",               // a capital starting the line is no name
        "se habló. Luego se votó.",         // nor one starting a sentence
        "¿Quién habló? Nadie.",
        "- Se votó.",                       // nor one after a bullet
        "Objetivo: Fortalecer el diálogo.", // nor after a colon
        "el mes de may fue largo.",         // lowercase English month names are words
        "A veces sí.",                      // one letter is no name or acronym
        "",
    ])
    func anOrdinaryLineCarriesNothing(_ line: String) {
        #expect(NotableLine.kinds(line).isEmpty, "\(line): \(NotableLine.kinds(line))")
    }
}
