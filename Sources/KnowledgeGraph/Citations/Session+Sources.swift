import KGLanguage
import KGStore

/// The session's entry points for citations: resolving source ids, `:why` with lines.
extension Session {
    /// A locator over the stated facts as they are now (make a new one after a change).
    public func sourceLocator() -> SourceLocator { SourceLocator(database: database) }

    /// `:why` with sources resolved to their lines (and, with `documents`, the lines' text).
    public func whyText(_ proof: ProofNode, documents: DocumentFolder?) -> String {
        let citations = ProofCitations(locator: sourceLocator(), documents: documents)
        return proof.rendered(citing: citations.leaf)
    }

    /// One constant term as the user types it (`src_doc003_session_4`, `<http://…>`,
    /// `ex:thing` with the session's prefixes); nil when the text is not one term.
    public func parseTerm(_ text: String) -> Term? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.contains("\n") else { return nil }
        let file = SourceFile(name: "<input>", text: "?- x(\(trimmed)).")
        var parser = Parser(file: file, prefixes: prefixes)
        guard case .query(let q)? = parser.nextStatement(), parser.diagnostics.isEmpty, parser.nextStatement() == nil,
              q.body.count == 1, case .atom(let a) = q.body[0], a.arguments.count == 1,
              case .constant(let t, _) = a.arguments[0] else { return nil }
        return t
    }
}
