import KGStore

/// `kg site DIR`: the graph as a static HTML site that opens from disk in any browser, with
/// no server and nothing fetched from the network.
///
/// The site is in Spanish at its root and in English under `en/`, each page linking to its
/// counterpart. Each language holds `index.html` (every entity by class), `timeline.html` (meetings on a time
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

    /// Every file of the site, by path relative to its root, sorted by path: the Spanish
    /// pages at the root, the English ones under `en/` (see `SiteRenderer`).
    public static func render(_ session: Session, documents: DocumentFolder? = nil) throws -> [(path: String, contents: String)] {
        let renderer = try SiteRenderer(session: session, documents: documents, served: false)
        return renderer.paths.compactMap { path in renderer.file(path).map { (path, $0.contents) } }
    }

    /// The path of an entity's page from the site's root: `entities/ecuador.html`.
    public static func pagePath(for entity: Term) -> String { PageNames.path(for: entity) }
}

/// A site that cannot be written, with the reason.
public struct SiteError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
