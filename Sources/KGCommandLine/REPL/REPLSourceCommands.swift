import KGFormats
import KnowledgeGraph

/// The REPL's `:source SRC`, and the documents folder `:why` shows passages from.
extension REPL {
    /// `:source SRC`: the source's document, heading and lines, with their text when kg was
    /// started with `--docs DIR` (as `kg source` prints them).
    func source(_ argument: String) {
        guard !argument.isEmpty else {
            console.error("usage: :source SRC, as in :source src_doc003_session_4\n")
            return
        }
        guard let term = session.parseTerm(argument) else {
            console.error("error: '\(TerminalSafe.text(argument))' is not a source id (such as src_doc003_session_4)\n")
            return
        }
        let documents: DocumentFolder?
        do {
            documents = try options.docsDirectory.map { path throws(SourceLookupError) in try DocumentFolder(path: path) }
        } catch {
            console.error("error: \(TerminalSafe.text(error.description))\n")
            return
        }
        do {
            console.out(try SourceListing.listing(try session.sourceLocator().resolve(term), documents: documents))
            if documents == nil {
                console.error("note: the lines are named, not printed; start kg with --docs DIR to print them from your copy of the documents\n")
            }
        } catch {
            console.error("error: \(TerminalSafe.text(error.description))\n")
        }
    }

    /// The `--docs` folder for `:why`, or nil (unset, or missing: `:why` then names lines
    /// without their text, and says why once per command).
    func whyDocuments() -> DocumentFolder? {
        guard let path = options.docsDirectory else { return nil }
        do {
            return try DocumentFolder(path: path)
        } catch {
            console.error("note: \(TerminalSafe.text(error.description)); the lines are named without their text\n")
            return nil
        }
    }
}
