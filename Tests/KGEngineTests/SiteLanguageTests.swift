import Foundation
import Testing
import KGStore
@testable import KnowledgeGraph

/// The site in two languages: every text the pages write through `t(...)` has its Spanish,
/// Spanish pages sit at the root and English ones under en/, each linking to the other.
@Suite struct SiteLanguageTests {
    /// The literal texts passed to `t(...)`, `ctx.t(...)` or `model.language(...)` in the
    /// site's sources.
    static func keys() throws -> [(file: String, key: String)] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/KnowledgeGraph/Site")
        var out: [(String, String)] = []
        let pattern = try NSRegularExpression(pattern: #"(?:\bt|ctx\.t|model\.language)\("((?:[^"\\]|\\.)*)""#)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let r = Range(m.range(at: 1), in: text) else { continue }
                out.append((file, text[r].replacingOccurrences(of: "\\\"", with: "\"")))
            }
        }
        return out
    }

    @Test func everyTextHasItsSpanish() throws {
        let keys = try Self.keys()
        #expect(keys.count > 80)
        for (file, key) in keys where !key.isEmpty && !key.contains("\\(") {
            #expect(SiteLanguage.spanish[key] != nil, "\(file): no Spanish for \"\(key)\"")
        }
        for example in QueryPage.examples {
            #expect(SiteLanguage.spanish[example.title] != nil, "no Spanish for the example \"\(example.title)\"")
        }
    }

    @Test func placeholdersAreFilledInOrder() {
        #expect(SiteLanguage.es("%1 rows", 4) == "4 filas")
        #expect(SiteLanguage.en("%1 rows", 4) == "4 rows")
        #expect(SiteLanguage.es("Instances (%1 of this class; %2 with its subclasses)", 3, 12) == "Instancias (3 de esta clase; 12 con sus subclases)")
        #expect(SiteLanguage.en("a text with no entry") == "a text with no entry")
    }

    @Test func bothLanguagesLinkToEachOther() throws {
        let session = Session()
        try #require(!session.loadEmbeddedSeeds().hasErrors)
        let renderer = try SiteRenderer(session: session, served: false)
        #expect(renderer.paths.contains("entities/chile.html") && renderer.paths.contains("en/entities/chile.html"))
        let es = try #require(renderer.file("entities/chile.html")).contents
        let en = try #require(renderer.file("en/entities/chile.html")).contents
        #expect(es.contains("<html lang=\"es\">"))
        #expect(en.contains("<html lang=\"en\">"))
        #expect(es.contains("class=\"lang-switch\" href=\"../en/entities/chile.html\""))
        #expect(en.contains("class=\"lang-switch\" href=\"../../entities/chile.html\""))
        // Labels follow the language: the CSM's Spanish name on the Spanish page.
        #expect(es.contains("Conferencia Suramericana sobre Migraciones"))
        #expect(en.contains("South American Conference on Migration"))
        // A static site does not link to a query page it does not have.
        #expect(!es.contains("href=\"../query\""))
        #expect(renderer.file("query.js") == nil)
    }

    @Test func datesInBothLanguages() {
        let s = KGDate(year: 2021, month: 12, day: 1), e = KGDate(year: 2021, month: 12, day: 2)
        #expect(Chronology.format(s, e, months: SiteLanguage.es.months) == "1–2 dic 2021")
        #expect(Chronology.format(s, e, months: SiteLanguage.en.months) == "1–2 Dec 2021")
    }
}
