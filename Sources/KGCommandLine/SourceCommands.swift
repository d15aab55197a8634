import Foundation
import KGFormats
import KGLanguage
import KGStore
import KnowledgeGraph

/// `kg source SRC...` and `kg coverage`: a source's lines in the user's copy of the
/// documents (`--docs DIR`), and how much of each document the graph cites.
extension CommandRunner {
    /// The `--docs` folder: `.success(nil)` when the option is unset; on failure the error has
    /// been printed.
    func openDocuments() -> Result<DocumentFolder?, SourceLookupError> {
        guard let path = options.docsDirectory else { return .success(nil) }
        do {
            return .success(try DocumentFolder(path: path))
        } catch {
            console.error("kg: error: \(error)\n")
            return .failure(error)
        }
    }

    /// A session with the seed graph and the `--data` files; nil after printing errors.
    func sessionWithData() -> Session? {
        guard let session = makeSession(inPlace: false) else { return nil }
        if !options.dataFiles.isEmpty {
            let data = session.load(paths: options.dataFiles)
            report(data.diagnostics)
            if data.hasErrors { return nil }
        }
        return session
    }

    /// `kg source SRC... [--docs DIR]`: each source's document, heading and lines, with the
    /// lines' text when `--docs` is given; blocks separated by a blank line. Exit 1 when any
    /// source cannot be shown (the others still are).
    func source() -> ExitCode {
        guard let session = sessionWithData() else { return .failure }
        guard case .success(let documents) = openDocuments() else { return .failure }
        let locator = session.sourceLocator()
        var blocks: [String] = []
        var status = ExitCode.success
        for argument in options.arguments {
            guard let term = session.parseTerm(argument) else {
                console.error("kg: error: '\(TerminalSafe.text(argument))' is not a source id (such as src_doc003_session_4)\n")
                status = .failure
                continue
            }
            do {
                blocks.append(try SourceListing.listing(try locator.resolve(term), documents: documents))
            } catch {
                console.error("kg: error: \(TerminalSafe.text(error.description))\n")
                status = .failure
            }
        }
        console.out(blocks.joined(separator: "\n"))
        if documents == nil && !blocks.isEmpty {
            console.error("kg: note: the lines are named, not printed; --docs DIR prints them from your copy of the documents\n")
        }
        return status
    }

    /// `kg coverage --docs DIR [--format tsv|json]`.
    func coverage() -> ExitCode {
        guard let session = sessionWithData() else { return .failure }
        guard case .success(let folder) = openDocuments(), let folder else { return .failure }
        let report: CoverageReport
        do {
            report = try CoverageReport.measure(database: session.database, documents: folder)
        } catch {
            for e in error.errors { console.error("kg: error: \(TerminalSafe.text(e.description))\n") }
            return .failure
        }
        for w in report.warnings { console.error("kg: warning: \(TerminalSafe.text(w))\n") }
        switch options.format {
        case .tsv?: console.out(CoverageOutput.tsv(report))
        case .json?: console.out(CoverageOutput.json(report))
        default: console.out(CoverageOutput.text(report))
        }
        return .success
    }
}
