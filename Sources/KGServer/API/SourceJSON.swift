import KGStore
import KnowledgeGraph

/// A source of a stated fact as `/api/why` describes it: its id and page, and where its
/// words are — the document's file, the lines and the heading for a passage or section; for
/// a curator inference `inferred: true`, the curators' note and each unit it was inferred
/// from. With `--docs`, each span carries its numbered lines (`text`) read from the user's
/// copy of the documents, or why they could not be read (`text_error`).
///
/// One per worker: it holds that worker's locator (read once from its replica) and its own
/// `DocumentFolder`, whose cache is not shared between threads.
final class SourceJSON {
    let locator: SourceLocator
    let documents: DocumentFolder?

    init(locator: SourceLocator, documents: DocumentFolder?) {
        self.locator = locator
        self.documents = documents
    }

    /// The source a proof names by its text (`src_doc003_session_4_p2`, an IRI).
    func json(_ id: String) -> JSONValue {
        let term = SourceNames.term(id)
        var members: [(String, JSONValue)] = [("id", .string(id)), ("href", .optional(PageLinks.href(term)))]
        switch Result(catching: { () throws(SourceLookupError) -> ResolvedSource in try locator.resolve(term) }) {
        case .success(.span(let span)):
            members.append(("inferred", false))
            members += spanMembers(span)
        case .success(.inference(let inference)):
            members.append(("inferred", true))
            members.append(("note", .string(inference.notes.joined(separator: " "))))
            members.append(("summary", .string(SourceListing.inferenceSentence(inference))))
            members.append(("from", .array(inference.from.map { unit, span in
                var from: [(String, JSONValue)] = [("id", .string(SourceLocator.idText(unit))), ("href", .optional(PageLinks.href(unit)))]
                if case .success(let span) = span { from += spanMembers(span) }
                return .object(from)
            })))
        case .failure:
            // A source that names no lines (a whole document, kg_schema).
            members.append(("inferred", false))
        }
        return .object(members)
    }

    /// `file`, `first`, `last`, `heading` (and `heading_printed`), `place`, and with
    /// documents `text` (numbered lines) or `text_error`.
    private func spanMembers(_ span: SourceSpan) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("document", .string(SourceLocator.idText(span.document))), ("file", .string(span.file)),
            ("first", .int(span.lines.lowerBound)), ("last", .int(span.lines.upperBound)),
            ("heading", .optional(span.heading)), ("heading_printed", .bool(span.headingIsPrinted)),
            ("place", .string(span.place)),
        ]
        guard let documents else { return members }
        do throws(SourceLookupError) {
            let text = try documents.text(of: span.file, document: SourceLocator.idText(span.document))
            guard span.lines.upperBound <= text.lineCount else {
                throw .beyondEnd(id: SourceLocator.idText(span.source), file: span.file, first: span.lines.lowerBound,
                                                  last: span.lines.upperBound, lineCount: text.lineCount)
            }
            members.append(("text", .array(text.lines(span.lines).map { number, line in
                .object([("line", .int(number)), ("text", .string(line))])
            })))
        } catch {
            members.append(("text_error", .string(error.description)))
        }
        return members
    }
}
