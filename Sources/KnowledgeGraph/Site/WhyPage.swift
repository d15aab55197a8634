import KGStore

/// `kg serve`'s `why?fact=…` page: the proof tree of each fact — the rule that derives it and
/// the proofs of the rule's body, down to stated facts, each with its sources linked to
/// their pages. The query page shows the same proofs inline (the `fragment` form).
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
        for item in proofs {
            if let proof = item.proof {
                body += "<ul class=\"proof\">\n" + node(proof, ctx: ctx) + "</ul>\n"
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

    /// One node of a proof as a list item.
    static func node(_ node: ProofNode, ctx: PageContext) -> String {
        let t = ctx.t
        func fact(_ text: String) -> String { "<code class=\"fact\">\(HTML.escape(text))</code>" }
        switch node {
        case .stated(let text, let sources):
            let cited = sources.isEmpty
                ? "<span class=\"nosrc\">\(t("stated, with no source"))</span>"
                : t("stated in") + " " + sources.map { source($0, ctx: ctx) }.joined(separator: " ")
            return "<li class=\"p-stated\">\(fact(text)) — \(cited)</li>\n"
        case .derived(let text, let rule, let location, let premises, let others):
            var out = "<li class=\"p-derived\">\(fact(text))<div class=\"by\">\(t("by the rule")) <code>\(HTML.escape(rule))</code> <span class=\"loc\">\(HTML.escape(location))</span>"
            if others > 0 { out += " <span class=\"others\">(\(t("%1 other derivations not shown", others)))</span>" }
            out += "</div>\n<ul>\n" + premises.map { self.node($0, ctx: ctx) }.joined() + "</ul></li>\n"
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

    /// A source named in a proof, linked to its page when it has one.
    static func source(_ text: String, ctx: PageContext) -> String {
        let term: Term = text.contains(":") || text.contains("/") ? .iri(text) : .entity(text)
        guard ctx.model.hasPage(term) else { return "<span class=\"src\">\(HTML.escape(text))</span>" }
        return "<a class=\"src\" href=\"\(ctx.href(term))\" title=\"\(HTML.escape(ctx.names.display(term)))\">\(HTML.escape(text))</a>"
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
