import Foundation
import KGStore
import KnowledgeGraph
import Testing

// `kg site DIR`: the static HTML site of the seed graph (plus a few hostile facts).

/// Facts whose text must show as text, never as markup.
private let hostileFacts = #"""
    type(xss_test, person).
    label(xss_test, "<script>alert(1)</script>"@en).
    label(xss_test, "Prueba & <b>negrita</b>"@es).
    note(xss_test, "Quote \" and 'apostrophe' <img src=x onerror=alert(2)>").
    represents(xss_test, ecuador).
    """#

private enum SiteFixture {
    /// The seed graph and the hostile facts; `hostileFirst` loads them the other way round,
    /// so terms and rows are stored in another order (the site must not depend on it).
    static func makeSession(hostileFirst: Bool = false) throws -> Session {
        let session = Session()
        if hostileFirst {
            let extra = session.load(text: hostileFacts, name: "hostile.dl")
            try #require(!extra.hasErrors, "extra facts: \(extra.diagnostics.map(\.description))")
        }
        let seeds = session.loadEmbeddedSeeds()
        try #require(!seeds.hasErrors, "seed graph: \(seeds.diagnostics.map(\.description))")
        if !hostileFirst {
            let extra = session.load(text: hostileFacts, name: "hostile.dl")
            try #require(!extra.hasErrors, "extra facts: \(extra.diagnostics.map(\.description))")
        }
        return session
    }

    static let base = FileManager.default.temporaryDirectory
        .appendingPathComponent("kg-site-tests-\(ProcessInfo.processInfo.processIdentifier)")

    /// Removes the folders earlier test runs left, whose process has ended.
    static func removeStaleFolders() {
        let fm = FileManager.default
        let tmp = FileManager.default.temporaryDirectory
        for name in (try? fm.contentsOfDirectory(atPath: tmp.path)) ?? [] where name.hasPrefix("kg-site-tests-") {
            guard let pid = Int32(name.dropFirst("kg-site-tests-".count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? fm.removeItem(at: tmp.appendingPathComponent(name)) }
        }
    }

    /// The site rendered once for all tests (and its page count).
    static let rendered: Result<(url: URL, pages: Int), any Error> = Result {
        removeStaleFolders()
        let url = base.appendingPathComponent("site")
        let pages = try SiteGenerator.write(try makeSession(), to: url.path)
        return (url, pages)
    }

    static func site() throws -> URL { try rendered.get().url }

    /// Every file under `root`, as paths relative to it, sorted.
    static func files(under root: URL) -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        guard let e = fm.enumerator(atPath: root.path) else { return [] }
        while let p = e.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: root.appendingPathComponent(p).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out.append(p)
            }
        }
        return out.sorted()
    }

    static func text(_ root: URL, _ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }
}

/// Every value of `attribute="..."` in `html`.
private func attributeValues(_ attribute: String, in html: String) -> [String] {
    var values: [String] = []
    var rest = html[...]
    let marker = " \(attribute)=\""
    while let r = rest.range(of: marker) {
        let after = rest[r.upperBound...]
        guard let close = after.firstIndex(of: "\"") else { break }
        values.append(String(after[..<close]))
        rest = after[close...]
    }
    return values
}

@Suite("Site", .serialized)
struct SiteTests {
    @Test("the site has its fixed pages and one page per entity")
    func layout() throws {
        let (root, pages) = try SiteFixture.rendered.get()
        let files = SiteFixture.files(under: root)
        for fixed in ["index.html", "timeline.html", "states.html", "style.css", "search.js", "search-index.js"] {
            #expect(files.contains(fixed), "missing \(fixed)")
        }
        #expect(pages == files.filter { $0.hasSuffix(".html") }.count)
        #expect(pages > 400)
    }

    @Test("every href and src points to a file of the site")
    func linksResolve() throws {
        let root = try SiteFixture.site()
        let fm = FileManager.default
        var checked = 0
        for page in SiteFixture.files(under: root) where page.hasSuffix(".html") {
            let html = try SiteFixture.text(root, page)
            let folder = root.appendingPathComponent(page).deletingLastPathComponent()
            for value in attributeValues("href", in: html) + attributeValues("src", in: html) {
                // The empty icon (so a browser asks for no favicon) is inline, not a link.
                if value == "data:," { continue }
                #expect(!value.contains(":") && !value.hasPrefix("/"), "\(page): non-relative link \(value)")
                let path = String(value.prefix { $0 != "#" })
                if path.isEmpty { continue }
                let target = folder.appendingPathComponent(path).standardizedFileURL
                #expect(target.path.hasPrefix(root.standardizedFileURL.path), "\(page): \(value) leaves the site")
                #expect(fm.fileExists(atPath: target.path), "\(page) links to missing \(value)")
                checked += 1
            }
        }
        #expect(checked > 10_000)
    }

    @Test("text from the data is escaped, never markup")
    func escaping() throws {
        let root = try SiteFixture.site()
        let page = try SiteFixture.text(root, SiteGenerator.pagePath(for: .entity("xss_test")))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("Prueba &amp; &lt;b&gt;negrita&lt;/b&gt;"))
        #expect(page.contains("Quote &quot; and &#39;apostrophe&#39; &lt;img src=x onerror=alert(2)&gt;"))
        for file in SiteFixture.files(under: root) {
            let text = try SiteFixture.text(root, file)
            #expect(!text.contains("<script>alert"), "\(file) holds the raw script")
            #expect(!text.contains("<b>negrita"), "\(file) holds raw markup")
            #expect(!text.contains("<img src=x"), "\(file) holds raw markup")
        }
        // The page of a state the entity points to links back to it, with the escaped name
        // (its Spanish label on the Spanish page, its English one on the English page).
        let ecuador = try SiteFixture.text(root, SiteGenerator.pagePath(for: .entity("ecuador")))
        #expect(ecuador.contains("href=\"../entities/xss_test.html\""))
        #expect(ecuador.contains("Prueba &amp; &lt;b&gt;negrita&lt;/b&gt;"))
        let english = try SiteFixture.text(root, "en/" + SiteGenerator.pagePath(for: .entity("ecuador")))
        #expect(english.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("every entity with a type has a page")
    func everyTypedEntityHasAPage() throws {
        let root = try SiteFixture.site()
        let session = try SiteFixture.makeSession()
        let model = try session.evaluate().model
        let type = try #require(model.existingRelation("type"))
        var subjects = Set<Term>()
        for row in 0..<type.count { subjects.insert(model.dictionary[type.value(row: row, column: 0)]) }
        #expect(subjects.count > 400)
        for entity in subjects {
            let path = root.appendingPathComponent(SiteGenerator.pagePath(for: entity)).path
            #expect(FileManager.default.fileExists(atPath: path), "no page for \(entity)")
        }
        let index = try SiteFixture.text(root, "index.html")
        #expect(index.contains("href=\"entities/ecuador.html\""))
        #expect(index.contains("href=\"entities/v_plenary.html\""))
    }

    @Test("the timeline lists dated meetings in date order")
    func timelineOrder() throws {
        let root = try SiteFixture.site()
        let html = try SiteFixture.text(root, "timeline.html")
        let starts = attributeValues("data-start", in: html)
        let rowIDs = html.components(separatedBy: "<tr data-start=").dropFirst().map { chunk -> String in
            attributeValues("data-entity", in: " " + chunk).first ?? ""
        }
        let dates = starts.compactMap { KGDate(iso: $0) }
        #expect(dates.count == starts.count && dates.count == 10)
        #expect(dates == dates.sorted())
        #expect(rowIDs == ["i_plenary", "ii_plenary", "grcm_meeting_2021", "xxvi_vice_ministerial_meeting",
                           "ppt_troika_meeting_2022_02", "imrf_2022", "iii_plenary", "ii_forum_champion_countries",
                           "v_plenary", "gcm_ii_regional_review_lac"])
        // Meetings known only by year come after, in year order; undated ones are listed apart.
        let years = attributeValues("data-year", in: html).compactMap(Int.init)
        #expect(!years.isEmpty && years == years.sorted())
        #expect(html.contains("Reuniones sin fecha"))
        #expect(try SiteFixture.text(root, "en/timeline.html").contains("Meetings without a date"))
        #expect(html.contains("<svg class=\"timeline-axis\""))
    }

    @Test("a state's page lists memberships, meetings attended and practices")
    func statePage() throws {
        let root = try SiteFixture.site()
        let html = try SiteFixture.text(root, "en/" + SiteGenerator.pagePath(for: .entity("colombia")))
        #expect(html.contains("<h2>Memberships</h2>"))
        #expect(html.contains("<h2>Meetings attended"))
        #expect(html.contains("<h2>Practices shared"))
        let spanish = try SiteFixture.text(root, SiteGenerator.pagePath(for: .entity("colombia")))
        #expect(spanish.contains("<h2>Membresías</h2>"))
        #expect(spanish.contains("<h2>Prácticas compartidas"))
        #expect(html.contains("href=\"../entities/v_plenary.html\""))
        #expect(html.contains("<svg class=\"hood\""))
        #expect(html.contains("class=\"derived\""))
        #expect(html.contains("href=\"../entities/src_doc003_session_1.html\"") || html.contains("class=\"src\""))
    }

    @Test("the search index covers ids and every name (labels, alt labels, acronyms, titles, headings, listed topics, descriptive labels), folded, with the names as stated")
    func searchIndex() throws {
        let root = try SiteFixture.site()
        let js = try SiteFixture.text(root, "search-index.js")
        #expect(js.hasPrefix("window.KG_SEARCH_INDEX = ["))
        #expect(js.contains("\"f\":\"entities/peru.html\""))
        #expect(js.contains("\"peru\""))
        #expect(js.contains("\"csm\""))
        #expect(js.contains("\\u003cscript\\u003e"))
        func entry(_ id: String) throws -> String {
            let line = js.split(separator: "\n").first { $0.hasPrefix("{\"f\":\"entities/\(id).html\"") }
            return String(try #require(line, "no search entry for \(id)"))
        }
        // An alt label ("FEMI 2022"), an acronym, a descriptive label, folded and as stated.
        let forum = try entry("imrf_2022")
        #expect(forum.contains("\"femi 2022\""))
        #expect(forum.contains("\"n\":[\"imrf_2022\","))
        #expect(forum.contains("\"m\":[\"imrf_2022\","))
        #expect(forum.contains("\"FEMI 2022\""))
        #expect(try entry("acnur").contains("\"alto comisionado de las naciones unidas para los refugiados\""))
        // A title, a printed heading, a listed topic.
        #expect(try entry("v_plenary_session_4").contains("\"sesion 4\""))
        #expect(try entry("src_doc003_session_4").contains("\"sesion 4: experiencias de regularizacion, vias legales"))
        #expect(try entry("csm").contains("\"las diasporas\""))
        // The two lists run side by side.
        let folded = forum.components(separatedBy: "\"n\":[")[1].components(separatedBy: "]")[0]
        let stated = forum.components(separatedBy: "\"m\":[")[1].components(separatedBy: "]")[0]
        #expect(folded.components(separatedBy: "\",\"").count == stated.components(separatedBy: "\",\"").count)
        #expect(try SiteFixture.text(root, "search.js").contains("e.m && e.m[hits[j][2]]"))
        let html = try SiteFixture.text(root, "index.html")
        #expect(html.contains("<script src=\"search-index.js\"></script>"))
        #expect(html.contains("id=\"kg-search\""))
    }

    @Test("writing the site again, from the same facts loaded in another order, gives identical bytes")
    func deterministic() throws {
        let first = try SiteFixture.site()
        let second = SiteFixture.base.appendingPathComponent("again")
        try SiteGenerator.write(try SiteFixture.makeSession(hostileFirst: true), to: second.path)
        let a = SiteFixture.files(under: first), b = SiteFixture.files(under: second)
        #expect(a == b)
        for path in a {
            let x = try Data(contentsOf: first.appendingPathComponent(path))
            let y = try Data(contentsOf: second.appendingPathComponent(path))
            #expect(x == y, "\(path) differs between runs")
        }
        // Writing over an earlier site replaces it.
        let pages = try SiteGenerator.write(try SiteFixture.makeSession(), to: second.path)
        #expect(pages == a.filter { $0.hasSuffix(".html") }.count)
    }

    @Test("a folder of other files is never replaced")
    func refusesForeignFolder() throws {
        let folder = SiteFixture.base.appendingPathComponent("foreign")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let keep = folder.appendingPathComponent("keep.txt")
        try Data("mine".utf8).write(to: keep)
        let session = Session()
        _ = session.load(text: "type(a, state). label(a, \"A\"@en).", name: "a.dl")
        #expect(throws: SiteError.self) { try SiteGenerator.write(session, to: folder.path) }
        #expect(try String(contentsOf: keep, encoding: .utf8) == "mine")
        #expect(SiteFixture.files(under: folder) == ["keep.txt"])
    }
}
