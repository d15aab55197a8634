import KGStore

/// `kg serve`'s `why?fact=…` page: the proof tree of each fact — the rule that derives it and
/// the proofs of the rule's body, down to stated facts, each with its sources linked to
/// their pages and where their words are (file and lines; for a curator inference, what it
/// was inferred from and the curators' note). With `--docs`, each stated fact also shows the
/// cited lines under their heading, the first time the page cites them. The query page
/// shows the same proofs inline (the `fragment` form).
public enum WhyPage {
    /// One fact asked about: the fact explained (its variables filled by its first match),
    /// and its proof or why there is none.
    public struct Item: Sendable {
        public let asked: String
        public let fact: String
        public let proof: ProofNode?
        public let error: String?

        public init(asked: String, fact: String, proof: ProofNode?, error: String?) {
            self.asked = asked
            self.fact = fact
            self.proof = proof
            self.error = error
        }
    }

    static func render(model: SiteModel, proofs: [Item], fragment: Bool, back: String?) -> String {
        let ctx = PageContext(model: model, root: "")
        let t = ctx.t
        var body = "<div class=\"proofs\">\n"
        var shown = Set<Term>()
        for item in proofs {
            if let proof = item.proof {
                body += "<ul class=\"proof\">\n" + node(proof, ctx: ctx, shown: &shown) + "</ul>\n"
            } else {
                body += "<p class=\"error\"><code>\(HTML.escape(item.asked))</code>: \(HTML.escape(item.error ?? ""))</p>\n"
            }
        }
        body += "</div>\n"
        if fragment { return body }
        var main = "<h1>\(t("Why this holds"))</h1>\n" + body
        if let back { main += "<p><a href=\"\(HTML.escape(back))\">\(t("Back to the query"))</a></p>\n" }
        let path = "why?" + proofs.map { "fact=" + URLText.encode($0.asked) }.joined(separator: "&")
        return HTML.page(title: t("Why?"), ctx: ctx, path: path, main: main)
    }

    /// One node of a proof as a list item; `shown` holds the units whose text the page
    /// already shows.
    static func node(_ node: ProofNode, ctx: PageContext, shown: inout Set<Term>) -> String {
        let t = ctx.t
        func fact(_ text: String) -> String { "<code class=\"fact\">\(HTML.escape(text))</code>" }
        switch node {
        case .stated(let text, let sources):
            guard !sources.isEmpty else {
                return "<li class=\"p-stated\">\(fact(text)) — <span class=\"nosrc\">\(t("stated, with no source"))</span></li>\n"
            }
            let terms = sources.map(term)
            let passages = ctx.model.passages
            let stated = terms.filter { !passages.isInference($0) }
            let inferred = terms.filter(passages.isInference)
            var parts: [String] = []
            if !stated.isEmpty { parts.append(t("stated in") + " " + stated.map { citation($0, ctx: ctx) }.joined(separator: "; ")) }
            parts += inferred.map { citation($0, ctx: ctx) }
            var out = "<li class=\"p-stated\">\(fact(text)) — \(parts.joined(separator: "; "))"
            if passages.hasText {
                for unit in terms.flatMap(passages.textUnits) {
                    guard shown.insert(unit).inserted else {
                        out += "<p class=\"passage-ref\">\(t("The text of %1 is shown above.", HTML.escape(SourceLocator.idText(unit))))</p>\n"
                        continue
                    }
                    out += passages.textWithHeading(unit, ctx: ctx)
                }
            }
            return out + "</li>\n"
        case .derived(let text, let rule, let location, let premises, let others):
            var out = "<li class=\"p-derived\">\(fact(text))<div class=\"by\">\(t("by the rule")) <code>\(HTML.escape(rule))</code> <span class=\"loc\">\(HTML.escape(location))</span>"
            if others > 0 { out += " <span class=\"others\">(\(t("%1 other derivations not shown", others)))</span>" }
            out += "</div>\n<ul>\n" + premises.map { self.node($0, ctx: ctx, shown: &shown) }.joined() + "</ul></li>\n"
            return out
        case .aggregate(let text, let rule, let location, let counted, let total):
            var out = "<li class=\"p-derived\">\(fact(text))<div class=\"by\">\(t("by the rule")) <code>\(HTML.escape(rule))</code> <span class=\"loc\">\(HTML.escape(location))</span> · \(t("over %1 solutions", total))</div>\n<ul>\n"
            out += counted.map { "<li class=\"p-condition\"><code>\(HTML.escape($0))</code></li>\n" }.joined()
            return out + "</ul></li>\n"
        case .absent(let text):
            return "<li class=\"p-absent\"><code class=\"fact\">not \(HTML.escape(text))</code> — \(t("no such fact"))</li>\n"
        case .condition(let text):
            return "<li class=\"p-condition\"><code>\(HTML.escape(text))</code></li>\n"
        case .doesNotHold(let text, let reasons):
            var out = "<li class=\"p-fails\">\(fact(text)) <strong>\(t("does not hold"))</strong>\n<ul>\n"
            out += reasons.map { "<li>\(HTML.escape($0))</li>\n" }.joined()
            return out + "</ul></li>\n"
        case .elided(let text):
            return "<li class=\"p-elided\">\(fact(text)) <span class=\"others\">(\(t("not explained further")))</span></li>\n"
        }
    }

    /// The term of a source a proof names by its text: an entity's name, or an IRI.
    static func term(_ text: String) -> Term {
        text.contains(":") || text.contains("/") ? .iri(text) : .entity(text)
    }

    /// A source named in a proof, linked to its page when it has one, with where its words
    /// are: `src_doc003_session_4_p2 (003_….txt, lines 650–668)`, or for a curator inference
    /// `inf_x: inferred by the curators from src_y (…): note`.
    static func citation(_ term: Term, ctx: PageContext) -> String {
        let text = SourceLocator.idText(term)
        let passages = ctx.model.passages
        let inferred = passages.isInference(term)
        var out = inferred ? "<span class=\"inferred\">\(ctx.t("inferred"))</span> " : ""
        if ctx.model.hasPage(term) {
            out += "<a class=\"src\(inferred ? " inf" : "")\" href=\"\(ctx.href(term))\" title=\"\(HTML.escape(ctx.names.display(term)))\">\(HTML.escape(text))</a>"
        } else {
            out += "<span class=\"src\">\(HTML.escape(text))</span>"
        }
        guard let place = passages.whereText(term, t: ctx.t) else { return out }
        return out + (inferred ? ": " : " ") + "<span class=\"where\">" + (inferred ? "" : "(") + HTML.escape(place) + (inferred ? "" : ")") + "</span>"
    }
}

/// Percent-encoding of query parameters in links the pages write.
enum URLText {
    static func encode(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            let unreserved = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E
            if unreserved {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 0xF)])
            }
        }
        return out
    }
}
