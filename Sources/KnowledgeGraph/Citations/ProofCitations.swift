import KGStore

/// How `:why` cites the base facts of a proof: each stated leaf names its source with the
/// document and lines
/// (`stated in src_doc003_session_4_p2 — 003_….txt, lines 650–668`), a curator inference
/// as `inferred by the curators from <source> (<file>, lines a–b): <note>`, and, with a
/// documents folder, the cited lines below the leaf, indented. A passage's text is shown
/// the first time a proof cites it; later leaves citing it say so instead of repeating it.
///
/// Sources that name no lines (a whole document, `kg_schema`) are named by id as before.
public final class ProofCitations {
    let locator: SourceLocator
    let documents: DocumentFolder?
    private var shown = Set<Term>()

    public init(locator: SourceLocator, documents: DocumentFolder?) {
        self.locator = locator
        self.documents = documents
    }

    /// The citation of one stated leaf (its sources as `ProofNode.stated` holds them).
    public func leaf(_ sources: [String]) -> LeafCitation {
        guard !sources.isEmpty else { return LeafCitation(inline: "stated (no source)") }
        var stated: [String] = []
        var inferred: [String] = []
        var blocks: [(id: String, lines: [String])] = []
        for text in sources {
            let term = self.term(text)
            switch Result(catching: { () throws(SourceLookupError) -> ResolvedSource in try locator.resolve(term) }) {
            case .success(.span(let span)):
                stated.append("\(text) — \(span.place)")
                if let lines = textLines(span) { blocks.append((text, lines)) }
            case .success(.inference(let inference)):
                inferred.append(SourceListing.inferenceSentence(inference))
                for case (_, .success(let span)) in inference.from {
                    if let lines = textLines(span) { blocks.append((SourceLocator.idText(span.source), lines)) }
                }
            case .failure:
                stated.append(text)
            }
        }
        var parts: [String] = []
        if !stated.isEmpty { parts.append("stated in " + stated.joined(separator: "; ")) }
        parts += inferred
        let labelled = blocks.count > 1
        let below = blocks.flatMap { block in (labelled ? ["\(block.id):"] : []) + block.lines }
        return LeafCitation(inline: parts.joined(separator: "; "), below: below)
    }

    /// The lines of a span to show under a leaf: nil without a documents folder; a note
    /// when they were shown earlier in the proof or cannot be read.
    private func textLines(_ span: SourceSpan) -> [String]? {
        guard let documents else { return nil }
        guard shown.insert(span.source).inserted else { return ["(\(span.place) shown above)"] }
        do {
            return try SourceListing.read(span, from: documents)
        } catch {
            return ["(cannot show the text: \(error))"]
        }
    }

    /// The source term a leaf names: an entity id, else an IRI.
    private func term(_ text: String) -> Term {
        let entity = Term.entity(text)
        if locator.isKnownSource(entity) { return entity }
        let iri = Term.iri(text)
        return locator.isKnownSource(iri) ? iri : entity
    }
}
