import KGStore

/// `kg site DIR`: the graph as a static HTML site that opens from disk in any browser, with
/// no server and nothing fetched from the network.
///
/// The site holds `index.html` (every entity by class), `timeline.html` (meetings on a time
/// axis), `states.html` (the states with their memberships), one page per entity under
/// `entities/` (names, class, notes, a drawing of its neighbourhood, every fact in and out
/// with its sources; a state's page adds memberships, meetings attended and practices
/// shared), `style.css`, and the offline search (`search-index.js`, `search.js`). All links
/// are relative. Every text from the data is HTML-escaped. The same graph gives the same
/// bytes on every run: no dates, no random names, everything sorted.
///
/// The folder is replaced as a whole (see `SiteDirectory`): the site is built in a sibling
/// temporary folder and renamed into place, so a reader never sees half a site.
public enum SiteGenerator {
    /// Writes the site into `directory` and returns the number of HTML pages written. With
    /// `documents` (`--docs`), entity pages show the cited passages' text.
    @discardableResult
    public static func write(_ session: Session, to directory: String, documents: DocumentFolder? = nil) throws -> Int {
        let files = try render(session, documents: documents)
        try SiteDirectory.replace(directory, with: files)
        return files.filter { $0.path.hasSuffix(".html") }.count
    }

    /// Every file of the site, by path relative to its root, sorted by path.
    public static func render(_ session: Session, documents: DocumentFolder? = nil) throws -> [(path: String, contents: String)] {
        let model = try SiteModel(session: session, documents: documents)
        var files: [(path: String, contents: String)] = [
            ("index.html", ClassIndexPage.render(model: model)),
            ("timeline.html", TimelinePage.render(model: model)),
            ("states.html", StatePage.overview(model: model)),
            ("style.css", SiteStyle.css),
            ("search.js", SearchIndex.script),
            ("search-index.js", SearchIndex.indexScript(model: model)),
        ]
        var taken: [String: Term] = [:]
        for entity in model.entities {
            let path = PageNames.path(for: entity)
            if let other = taken[path] {
                throw SiteError("two entities would share the page \(path): \(EntityNames.idText(other)) and \(EntityNames.idText(entity))")
            }
            taken[path] = entity
            files.append((path, EntityPage.render(entity, model: model)))
        }
        return files.sorted { TermOrder.compareText($0.path, $1.path) < 0 }
    }

    /// The path of an entity's page from the site's root: `entities/ecuador.html`.
    public static func pagePath(for entity: Term) -> String { PageNames.path(for: entity) }
}

/// A site that cannot be written, with the reason.
public struct SiteError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
