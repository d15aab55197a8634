import KGStore

/// How much of one document the graph cites.
public struct DocumentCoverage: Sendable {
    /// One line no fact cites that carries a name, a date or a figure.
    public struct UncitedLine: Sendable {
        public let number: Int
        public let text: String
        public let kinds: [NotableLine.Kind]
    }

    public let document: Term
    public let file: String
    public let lineCount: Int
    /// Lines with something other than white space.
    public let nonBlankLines: Int
    /// Non-blank lines that lie in the line range of a source some stated fact is cited to.
    public let citedLines: Int
    public let uncited: [UncitedLine]

    /// cited / non-blank (1 for a document with no non-blank line).
    public var share: Double { nonBlankLines == 0 ? 1 : Double(citedLines) / Double(nonBlankLines) }
}

/// `kg coverage`: per document, the share of its non-blank lines that some stated fact
/// cites, and the uncited lines that carry a name, a date or a figure (`NotableLine`).
///
/// A line is cited when it lies in the `line_range` of a source (passage or section) that
/// some stated fact is cited to. Facts *about* sources (their type, labels, line ranges,
/// headings, notes) do not count — they describe the document, not what it says — and a
/// curator inference covers nothing (no document prints what it cites).
public struct CoverageReport: Sendable {
    public let documents: [DocumentCoverage]
    /// Problems that did not stop the measure (a range past the end of its file is clipped),
    /// sorted.
    public let warnings: [String]

    public var totalNonBlank: Int { documents.reduce(0) { $0 + $1.nonBlankLines } }
    public var totalCited: Int { documents.reduce(0) { $0 + $1.citedLines } }
    public var totalShare: Double { totalNonBlank == 0 ? 1 : Double(totalCited) / Double(totalNonBlank) }

    /// Measures every document of the graph (entities with a `source_file`), in file-name
    /// order. Throws the errors that leave a document unmeasurable (file missing, unreadable,
    /// not UTF-8), all of them, in file order.
    public static func measure(database: Database, documents folder: DocumentFolder) throws(CoverageErrors) -> CoverageReport {
        let locator = SourceLocator(database: database)
        var cited = Set<Term>()
        let dictionary = database.dictionary
        for relation in database.relations.values where relation.arity > 0 {
            for (row, ids) in relation.sources {
                let subject = dictionary[relation.value(row: Int(row), column: 0)]
                if locator.isSourceEntity(subject) { continue }
                for id in ids { cited.insert(dictionary[id]) }
            }
        }
        var ranges: [Term: [(source: Term, lines: ClosedRange<Int>)]] = [:]
        var warnings: [String] = []
        for source in cited where !locator.isInference(source) {
            let lines: ClosedRange<Int>?
            do {
                lines = try locator.lineRange(of: source)
            } catch {
                warnings.append("\(error)")
                continue
            }
            guard let lines, let document = locator.document(of: source) else { continue }
            ranges[document, default: []].append((source, lines))
        }
        var out: [DocumentCoverage] = []
        var errors: [SourceLookupError] = []
        let documents = locator.documents.compactMap { d in locator.file(ofDocument: d).map { (d, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : TermOrder.compare($0.0, $1.0) < 0 }
        for (document, file) in documents {
            let text: DocumentText
            do {
                text = try folder.text(of: file, document: SourceLocator.idText(document))
            } catch {
                errors.append(error)
                continue
            }
            var covered = [Bool](repeating: false, count: text.lineCount + 1)
            for (source, range) in ranges[document] ?? [] {
                if range.upperBound > text.lineCount {
                    let problem = SourceLookupError.beyondEnd(id: SourceLocator.idText(source), file: file, first: range.lowerBound,
                                                              last: range.upperBound, lineCount: text.lineCount)
                    warnings.append("\(problem); counted up to its last line")
                }
                guard range.lowerBound <= text.lineCount else { continue }
                for i in range.lowerBound...min(range.upperBound, text.lineCount) { covered[i] = true }
            }
            var nonBlank = 0, citedCount = 0
            var uncited: [DocumentCoverage.UncitedLine] = []
            for (i, line) in text.lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
                nonBlank += 1
                if covered[i + 1] {
                    citedCount += 1
                    continue
                }
                let kinds = NotableLine.kinds(line)
                if !kinds.isEmpty { uncited.append(.init(number: i + 1, text: line, kinds: kinds)) }
            }
            out.append(DocumentCoverage(document: document, file: file, lineCount: text.lineCount,
                                        nonBlankLines: nonBlank, citedLines: citedCount, uncited: uncited))
        }
        if !errors.isEmpty { throw CoverageErrors(errors: errors) }
        return CoverageReport(documents: out, warnings: Array(Set(warnings)).sorted())
    }
}

/// The documents `kg coverage` could not read, each with its reason.
public struct CoverageErrors: Error, Sendable {
    public let errors: [SourceLookupError]
}
