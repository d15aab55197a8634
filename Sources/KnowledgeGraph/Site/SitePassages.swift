import KGStore

/// The cited passages as the site shows them (`kg site DIR --docs DOCS`).
///
/// Every source some fact is cited to is resolved once: a passage or section to its
/// document, heading and lines; a curator inference to its note and the passages it was
/// inferred from. With a documents folder, each span's lines are read from the user's copy
/// (a missing file or a range past its end stops the site with that error); the text goes
/// into the pages HTML-escaped, so the site stays self-contained and opens offline. Without
/// one, pages still name each source's file and lines, and mark inferred facts as inferred.
final class SitePassages {
    let locator: SourceLocator
    let hasText: Bool
    private var spans: [Term: SourceSpan] = [:]
    private var inferences: [Term: InferenceSource] = [:]
    private var texts: [Term: [(number: Int, text: String)]] = [:]

    init(database: Database, documents: DocumentFolder?) throws(SourceLookupError) {
        locator = SourceLocator(database: database)
        hasText = documents != nil
        for source in locator.citedSources.sorted(by: { TermOrder.compare($0, $1) < 0 }) {
            guard let resolved = try? locator.resolve(source) else { continue }
            switch resolved {
            case .span(let span):
                spans[source] = span
            case .inference(let inference):
                inferences[source] = inference
                for case (let unit, .success(let span)) in inference.from { spans[unit] = span }
            }
        }
        guard let documents else { return }
        for (source, span) in spans.sorted(by: { TermOrder.compare($0.key, $1.key) < 0 }) {
            let text = try documents.text(of: span.file, document: SourceLocator.idText(span.document))
            guard span.lines.upperBound <= text.lineCount else {
                throw .beyondEnd(id: SourceLocator.idText(source), file: span.file, first: span.lines.lowerBound,
                                 last: span.lines.upperBound, lineCount: text.lineCount)
            }
            texts[source] = text.lines(span.lines)
        }
    }

    func span(_ source: Term) -> SourceSpan? { spans[source] }
    func inference(_ source: Term) -> InferenceSource? { inferences[source] }
    func isInference(_ source: Term) -> Bool { inferences[source] != nil }

    /// True when the page can show something for the source: its lines, or (for an
    /// inference) its note and the lines it was inferred from.
    func hasBlock(_ source: Term) -> Bool {
        if inferences[source] != nil { return true }
        return hasText && texts[source] != nil
    }

    /// The fragment id of a source's block on an entity page.
    static func anchor(_ source: Term) -> String {
        let name = PageNames.fileName(for: source)
        return "p-" + String(name.dropLast(".html".count))
    }

    /// "inferred by the curators from src_x (file, lines a–b): note", as plain text.
    func inferenceText(_ inference: InferenceSource) -> String { SourceListing.inferenceSentence(inference) }

    /// The tooltip of a source link: its name, and where its words are.
    func title(_ source: Term, name: String) -> String {
        if let inference = inferences[source] { return inferenceText(inference) }
        guard let span = spans[source] else { return name }
        return name + " — " + span.place
    }

    /// A span's lines as a `<pre>` block with line numbers, escaped.
    func textBlock(_ source: Term) -> String {
        guard let lines = texts[source] else { return "" }
        let width = String(lines.last?.number ?? 0).count
        var out = "<pre class=\"passage-text\">"
        for (number, text) in lines {
            let n = String(number)
            out += "<span class=\"ln\">\(String(repeating: " ", count: width - n.count))\(n)</span> \(HTML.escape(text))\n"
        }
        return out + "</pre>\n"
    }

    /// A source's block: for a span its heading, file and lines and (with documents) its
    /// text; for an inference the curators' sentence and the text of what it was inferred
    /// from. `id` gives the block a fragment id.
    func block(_ source: Term, ctx: PageContext, id: String?) -> String {
        let idAttribute = id.map { " id=\"\(HTML.escape($0))\"" } ?? ""
        if let inference = inferences[source] {
            var out = "<div class=\"passage inferred\"\(idAttribute)>\n<p class=\"where\">\(ctx.link(source, text: SourceLocator.idText(source))): "
            out += "<span class=\"inferred\">inferred</span> by the curators"
            let from = inference.from.map { unit, span -> String in
                var item = ctx.link(unit, text: SourceLocator.idText(unit))
                if case .success(let s) = span { item += " (\(HTML.escape(s.place)))" }
                return item
            }
            if !from.isEmpty { out += " from " + SourceLookupError.list(from, conjunction: "and") }
            if !inference.notes.isEmpty { out += ": " + HTML.escape(inference.notes.joined(separator: " ")) }
            out += "</p>\n"
            for (unit, _) in inference.from { out += textBlock(unit) }
            return out + "</div>\n"
        }
        guard let span = spans[source] else { return "" }
        var out = "<div class=\"passage\"\(idAttribute)>\n<p class=\"where\">\(ctx.link(source, text: SourceLocator.idText(source)))"
        if let heading = span.heading {
            let kind = span.headingIsPrinted ? "heading" : "heading label"
            out += " — <span class=\"\(kind)\" lang=\"es\">\(HTML.escape(heading))</span>"
        }
        out += " — <span class=\"file\">\(HTML.escape(span.place))</span></p>\n"
        return out + textBlock(source) + "</div>\n"
    }

    /// The entity page's "Cited passages" section: one block per source its stated facts
    /// cite, in term order (empty without documents, or when none has lines).
    func section(for facts: [SiteFact], ctx: PageContext) -> String {
        let shown = Self.sources(of: facts, where: hasBlock)
        guard hasText, !shown.isEmpty else { return "" }
        let body = "<p>The words of the documents behind the facts on this page, from your copy of the documents.</p>\n"
            + shown.map { block($0, ctx: ctx, id: Self.anchor($0)) }.joined()
        return EntityPage.section("Cited passages", body)
    }

    /// The sources of stated facts that pass `keep`, distinct, in term order.
    static func sources(of facts: [SiteFact], where keep: (Term) -> Bool) -> [Term] {
        var seen = Set<Term>()
        for fact in facts where !fact.derived {
            for s in fact.sources where keep(s) { seen.insert(s) }
        }
        return seen.sorted { TermOrder.compare($0, $1) < 0 }
    }

    static let css = """
    .passage { margin: 0.6rem 0 1rem; padding: 0.5rem 0.8rem; border-left: 3px solid #b8c7db; background: var(--soft); }
    .passage.inferred { border-left-color: #e0b050; }
    .passage .where { margin: 0 0 0.3rem; font-size: 0.9rem; color: var(--muted); }
    .passage .heading { font-style: italic; color: var(--ink); }
    pre.passage-text { margin: 0.3rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85rem; line-height: 1.4; }
    pre.passage-text .ln { color: var(--muted); user-select: none; }
    .inferred { display: inline-block; padding: 0 0.35rem; border-radius: 3px; background: #fff3cd; color: #7a5b00; font-size: 0.78rem; }
    .srcs a.src.inf { background: #fff3cd; }
    a.pl { margin-left: -0.2rem; margin-right: 0.3rem; font-size: 0.8rem; color: var(--muted); }

    """
}
