import KGStore

/// One file of the site: its text and its media type.
public struct SiteFile: Sendable {
    public let contents: String
    public let contentType: String
}

/// The renderer of every page, shared by `kg site` (which writes them all to a folder) and
/// `kg serve` (which renders each page when it is asked for, at the same path).
///
/// The layout of paths is the same for both: the Spanish pages at the root (`index.html`,
/// `timeline.html`, `states.html`, `entities/ID.html`, and for the server `query`), the
/// English ones under `en/`, each tree with its own `style.css`, `search.js` and
/// `search-index.js`. Built once from an evaluated session and immutable afterwards, so any
/// number of threads may render pages from it at once.
public final class SiteRenderer: Sendable {
    private let models: [SiteModel]
    /// Entity pages by path (`entities/chile.html`).
    private let entityPages: [String: Term]
    /// True for `kg serve` (pages link to the query page).
    public let served: Bool

    /// With `documents` (`--docs`), entity and source pages show the cited passages' text.
    public init(session: Session, documents: DocumentFolder? = nil, served: Bool) throws {
        let spanish = try SiteModel(session: session, documents: documents, language: .es, served: served)
        models = [spanish, SiteModel(spanish, language: .en)]
        self.served = served
        var pages: [String: Term] = [:]
        for entity in spanish.entities {
            let path = PageNames.path(for: entity)
            if let other = pages[path] {
                throw SiteError("two entities would share the page \(path): \(EntityNames.idText(other)) and \(EntityNames.idText(entity))")
            }
            pages[path] = entity
        }
        entityPages = pages
        let base = ["index.html", "timeline.html", "states.html", "style.css", "search.js", "search-index.js"] + pages.keys
        paths = SiteLanguage.allCases.flatMap { l in base.map { l.folder + $0 } }.sorted { TermOrder.compareText($0, $1) < 0 }
        pathSet = Set(paths)
    }

    func model(_ language: SiteLanguage) -> SiteModel { language == .es ? models[0] : models[1] }

    /// Splits a path from the site's root into its language and the path in that language.
    public static func split(_ path: String) -> (language: SiteLanguage, path: String) {
        path.hasPrefix("en/") ? (.en, String(path.dropFirst(3))) : (path == "en" ? (.en, "") : (.es, path))
    }

    /// Every path of the site, sorted (the query page is not among them: it needs a query).
    public let paths: [String]
    private let pathSet: Set<String>

    /// True when `path` (from the site's root) is one of the site's files, or the query
    /// page's script when serving.
    public func hasFile(_ path: String) -> Bool {
        pathSet.contains(path) || (served && (path == "query.js" || path == "en/query.js"))
    }

    /// The file at `path` from the site's root (`en/entities/chile.html`), or nil.
    public func file(_ path: String) -> SiteFile? {
        let (language, local) = Self.split(path)
        let model = model(language)
        let html = "text/html; charset=utf-8"
        switch local {
        case "index.html": return SiteFile(contents: ClassIndexPage.render(model: model), contentType: html)
        case "timeline.html": return SiteFile(contents: TimelinePage.render(model: model), contentType: html)
        case "states.html": return SiteFile(contents: StatePage.overview(model: model), contentType: html)
        case "style.css": return SiteFile(contents: SiteStyle.css, contentType: "text/css; charset=utf-8")
        case "search.js": return SiteFile(contents: SearchIndex.script, contentType: "text/javascript; charset=utf-8")
        case "search-index.js": return SiteFile(contents: SearchIndex.indexScript(model: model), contentType: "text/javascript; charset=utf-8")
        case "query.js" where served: return SiteFile(contents: QueryScript.script, contentType: "text/javascript; charset=utf-8")
        default:
            guard let entity = entityPages[local] else { return nil }
            return SiteFile(contents: EntityPage.render(entity, model: model), contentType: html)
        }
    }

    /// The query page (`kg serve` only): the editor with `text`, the examples, and the
    /// answers or errors of `outcome` when a query was run.
    public func queryPage(language: SiteLanguage, text: String?, outcome: ReadOnlyAnswers?, milliseconds: Double) -> String {
        QueryPage.render(model: model(language), text: text, outcome: outcome, milliseconds: milliseconds)
    }

    /// The proofs of facts (`kg serve`'s `why`): the whole page, or with `fragment` only the
    /// proofs, for the query page to show inline.
    public func whyPage(language: SiteLanguage, proofs: [WhyPage.Item], fragment: Bool, back: String?) -> String {
        WhyPage.render(model: model(language), proofs: proofs, fragment: fragment, back: back)
    }

    /// The page for a path no page has.
    public func notFoundPage(language: SiteLanguage, path: String) -> String {
        let model = model(language)
        let ctx = PageContext(model: model, root: String(repeating: "../", count: max(0, path.split(separator: "/", omittingEmptySubsequences: false).count - 1)))
        let t = ctx.t
        return HTML.page(title: t("Not found"), ctx: ctx, path: "index.html",
                         main: "<h1>\(t("Not found"))</h1>\n<p>\(t("No page has this address."))</p>\n")
    }

    /// How the page names an entity in `language` (its label, else its id).
    public func display(_ term: Term, language: SiteLanguage) -> String { model(language).names.display(term) }
}
