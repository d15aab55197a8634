import Foundation
import KGStore

/// How much of one document the graph cites.
public struct DocumentCoverage: Sendable {
    /// One line no fact cites that carries a name, a date or a figure.
    public struct UncitedLine: Sendable {
        public let number: Int
        public let text: String
        public let kinds: [NotableLine.Kind]
    }

    /// One cited line that carries a name, a date or a figure some of which no fact cited to
    /// its passage records.
    public struct UnrecordedLine: Sendable {
        public let number: Int
        public let text: String
        public let kinds: [NotableLine.Kind]
        /// What is not recorded, in `LineRecording` order.
        public let missing: [UnrecordedToken]
    }

    public let document: Term
    public let file: String
    public let lineCount: Int
    /// Lines with something other than white space.
    public let nonBlankLines: Int
    /// Non-blank lines that lie in the line range of a source some stated fact is cited to.
    public let citedLines: Int
    public let uncited: [UncitedLine]
    /// Non-blank lines that carry a name, a date or a figure (`NotableLine`), cited or not.
    public let notableLines: Int
    /// Notable lines that are cited and whose every figure, month and name the facts cited
    /// to their passage record (`LineRecording`).
    public let recordedLines: Int
    /// Cited notable lines with something unrecorded, in line order.
    public let unrecorded: [UnrecordedLine]

    /// cited / non-blank (1 for a document with no non-blank line).
    public var share: Double { nonBlankLines == 0 ? 1 : Double(citedLines) / Double(nonBlankLines) }
    /// recorded / notable (1 for a document with no notable line).
    public var recordedShare: Double { notableLines == 0 ? 1 : Double(recordedLines) / Double(notableLines) }
}

/// `kg coverage`: per document, two measures.
///
/// 1. **Cited lines**: the share of its non-blank lines that some stated fact cites, and the
///    uncited lines that carry a name, a date or a figure (`NotableLine`). A line is cited
///    when it lies in the `line_range` of a source (passage or section) that some stated fact
///    is cited to. Facts *about* sources (their type, labels, line ranges, headings, notes) do
///    not count — they describe the document, not what it says — and a curator inference
///    covers nothing (no document prints what it cites).
/// 2. **Recorded lines**: the share of its notable lines (cited or not) whose figures, month
///    names and names the graph records: every fact cited to a passage or section that holds
///    the line — facts about sources too, such as a document's `date_of` — with the names of
///    every entity those facts mention and the unit's printed heading and sub-headings (`RecordedValues`,
///    `LineRecording`). An uncited line records nothing. The cited lines with something
///    unrecorded are listed with what is missing.
public struct CoverageReport: Sendable {
    public let documents: [DocumentCoverage]
    /// Problems that did not stop the measure (a range past the end of its file is clipped),
    /// sorted.
    public let warnings: [String]

    public var totalNonBlank: Int { documents.reduce(0) { $0 + $1.nonBlankLines } }
    public var totalCited: Int { documents.reduce(0) { $0 + $1.citedLines } }
    public var totalShare: Double { totalNonBlank == 0 ? 1 : Double(totalCited) / Double(totalNonBlank) }
    public var totalNotable: Int { documents.reduce(0) { $0 + $1.notableLines } }
    public var totalRecorded: Int { documents.reduce(0) { $0 + $1.recordedLines } }
    public var totalRecordedShare: Double { totalNotable == 0 ? 1 : Double(totalRecorded) / Double(totalNotable) }

    /// Measures every document of the graph (entities with a `source_file`), in file-name
    /// order. Throws the errors that leave a document unmeasurable (file missing, unreadable,
    /// not UTF-8), all of them, in file order.
    public static func measure(database: Database, documents folder: DocumentFolder) throws(CoverageErrors) -> CoverageReport {
        let locator = SourceLocator(database: database)
        var cited = Set<Term>()
        let dictionary = database.dictionary
        // What each unit's facts record (all its facts, those about sources too), and the
        // entities they mention.
        var recorded: [Term: RecordedValues] = [:]
        var mentioned: [Term: Set<Term>] = [:]
        for relation in database.relations.values where relation.arity > 0 {
            for (row, ids) in relation.sources {
                let values = (0..<relation.arity).map { dictionary[relation.value(row: Int(row), column: $0)] }
                let aboutSource = locator.isSourceEntity(values[0])
                for id in ids {
                    let unit = dictionary[id]
                    if !aboutSource { cited.insert(unit) }
                    for v in values {
                        if v.isNode { mentioned[unit, default: []].insert(v) } else { recorded[unit, default: RecordedValues()].add(value: v) }
                    }
                }
            }
        }
        let names = NameIndex(database: database)
        for (unit, entities) in mentioned {
            var values = recorded[unit] ?? RecordedValues()
            for e in entities.sorted(by: { TermOrder.compare($0, $1) < 0 }) {
                for name in names.names(of: e) { values.add(text: name.text) }
            }
            recorded[unit] = values
        }
        // The headings a unit prints: its own and its section's (`heading`), and sub-headings
        // (`subheading`), whatever they are cited to (they describe the source).
        let printedHeadings: Set<NamePredicate> = [.heading, .subheading]
        for unit in Set(recorded.keys).union(cited) {
            var values = recorded[unit] ?? RecordedValues()
            if let heading = locator.headingText(of: unit), heading.printed { values.add(text: heading.text) }
            for name in names.names(of: unit) where printedHeadings.contains(name.predicate) { values.add(text: name.text) }
            recorded[unit] = values
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
            let units = (ranges[document] ?? []).sorted { TermOrder.compare($0.source, $1.source) < 0 }
            var combined: [[Term]: RecordedValues] = [:]
            func values(at line: Int) -> RecordedValues {
                let holding = units.filter { $0.lines.contains(line) }.map(\.source)
                if let known = combined[holding] { return known }
                var merged = RecordedValues()
                for unit in holding { if let r = recorded[unit] { merged.merge(r) } }
                combined[holding] = merged
                return merged
            }
            var nonBlank = 0, citedCount = 0, notable = 0, recordedCount = 0
            var uncited: [DocumentCoverage.UncitedLine] = []
            var unrecorded: [DocumentCoverage.UnrecordedLine] = []
            for (i, line) in text.lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
                nonBlank += 1
                let startsSentence = i == 0 || LineTokens.startsSentence(after: text.lines[i - 1])
                let kinds = NotableLine.kinds(line, startsSentence: startsSentence)
                if !kinds.isEmpty { notable += 1 }
                if covered[i + 1] {
                    citedCount += 1
                    guard !kinds.isEmpty else { continue }
                    let missing = LineRecording.unrecorded(line, recorded: values(at: i + 1), startsSentence: startsSentence)
                    if missing.isEmpty {
                        recordedCount += 1
                    } else {
                        unrecorded.append(.init(number: i + 1, text: line, kinds: kinds, missing: missing))
                    }
                    continue
                }
                if !kinds.isEmpty { uncited.append(.init(number: i + 1, text: line, kinds: kinds)) }
            }
            out.append(DocumentCoverage(document: document, file: file, lineCount: text.lineCount,
                                        nonBlankLines: nonBlank, citedLines: citedCount, uncited: uncited,
                                        notableLines: notable, recordedLines: recordedCount, unrecorded: unrecorded))
        }
        if !errors.isEmpty { throw CoverageErrors(errors: errors) }
        return CoverageReport(documents: out, warnings: Array(Set(warnings)).sorted())
    }
}

/// The documents `kg coverage` could not read, each with its reason.
public struct CoverageErrors: Error, Sendable {
    public let errors: [SourceLookupError]
}
