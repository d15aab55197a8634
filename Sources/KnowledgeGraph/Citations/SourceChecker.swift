import KGLanguage
import KGStore

/// `kg check`'s checks of the citations (seeds/README.md, "From a source to its lines"):
///
/// - every `line_range(U, First, Last)` has whole numbers with 1 <= First <= Last (error);
/// - with a documents folder (`--docs`): the unit's document file is there and readable and
///   the range lies within it (error), and the unit reaches a document at all (warning);
/// - a passage holds at most 25 lines (warning);
/// - a fact cited to a section of more than 25 lines, and to no unit of at most 25, should be
///   cited to one of its passages (warning).
///
/// Errors are reported for every fact, the seed graph's included (with no location when the
/// fact has none); warnings only for facts with a location, as `kg check` shows no warnings of
/// the seed graph unless its files are checked themselves.
public enum SourceChecker {
    /// The most lines a passage, or a section cited as a whole, may hold.
    public static let maxCitedLines = 25

    public static func check(_ session: Session, documents: DocumentFolder?) -> [Diagnostic] {
        let database = session.database
        let locator = SourceLocator(database: database)
        var locations: [String: [[Term]: [SourceRange]]] = [:]
        for fact in session.factLocations { locations[fact.predicate, default: [:]][fact.arguments, default: []].append(fact.range) }
        func at(_ predicate: String, _ arguments: [Term]) -> [SourceRange] { locations[predicate]?[arguments] ?? [] }
        // Where each unit's line_range facts are written.
        var rangeLocations: [Term: [SourceRange]] = [:]
        for (arguments, ranges) in locations["line_range"] ?? [:] where arguments.count == 3 {
            rangeLocations[arguments[0], default: []] += ranges
        }
        func rangeFacts(_ unit: Term) -> [SourceRange] { (rangeLocations[unit] ?? []).sorted { $0.start < $1.start } }

        var out: [(Diagnostic, String)] = []
        func report(_ make: (SourceRange?) -> Diagnostic, at ranges: [SourceRange], key: String, errorOnly: Bool) {
            if ranges.isEmpty {
                let d = make(nil)
                if !errorOnly || d.isError { out.append((d, key)) }
            } else {
                for r in ranges { out.append((make(r), key)) }
            }
        }

        var missingFiles = Set<String>()
        for unit in locator.unitsWithLines {
            let id = SourceLocator.idText(unit)
            let where_ = rangeFacts(unit)
            let lines: ClosedRange<Int>
            do {
                guard let l = try locator.lineRange(of: unit) else { continue }
                lines = l
            } catch {
                report({ .error("\(error)", at: $0) }, at: where_, key: id, errorOnly: true)
                continue
            }
            if locator.isPassage(unit), lines.count > maxCitedLines, !where_.isEmpty {
                report({ .warning("passage \(id) holds \(lines.count) lines (\(lines.lowerBound)–\(lines.upperBound)); a passage holds at most \(maxCitedLines)", at: $0) },
                       at: where_, key: id, errorOnly: false)
            }
            guard let documents else { continue }
            let span: SourceSpan
            do {
                span = try locator.span(of: unit)
            } catch {
                if !where_.isEmpty { report({ .warning("\(error)", at: $0) }, at: where_, key: id, errorOnly: false) }
                continue
            }
            do {
                _ = try SourceListing.read(span, from: documents)
            } catch {
                if case .beyondEnd = error {
                    report({ .error("\(error)", at: $0) }, at: where_, key: id, errorOnly: true)
                } else if missingFiles.insert(span.file).inserted {
                    let fileFacts = at("source_file", [span.document, .string(span.file, language: nil)])
                    report({ .error("\(error)", at: $0) }, at: fileFacts.isEmpty ? where_ : fileFacts, key: span.file, errorOnly: true)
                }
            }
        }

        // Facts cited to a long section and to nothing smaller.
        for fact in session.factLocations {
            guard let subject = fact.arguments.first, !locator.isSourceEntity(subject) else { continue }
            let sources = self.sources(of: fact.predicate, fact.arguments, in: database)
            var long: [(Term, ClosedRange<Int>)] = []
            var small = false
            for s in sources where !locator.isInference(s) {
                guard let lines = try? locator.lineRange(of: s) else { continue }
                if lines.count > maxCitedLines { long.append((s, lines)) } else { small = true }
            }
            guard !small, let (section, lines) = long.first else { continue }
            let parts = locator.parts(of: section).map(SourceLocator.idText)
            let advice = parts.isEmpty
                ? "split it into passages of at most \(maxCitedLines) lines (passage_of, line_range) and cite the one that holds the fact"
                : "cite the passage that holds the fact, such as \(SourceLookupError.list(Array(parts.prefix(3))))"
            out.append((.warning("this fact is cited to \(SourceLocator.idText(section)), which spans \(lines.count) lines (\(lines.lowerBound)–\(lines.upperBound)); \(advice)", at: fact.range),
                        SourceLocator.idText(section)))
        }
        // Those without a location first, by key; then by file (in load order) and position.
        var fileOrder: [ObjectIdentifier: Int] = [:]
        for fact in session.factLocations where fileOrder[ObjectIdentifier(fact.range.file)] == nil {
            fileOrder[ObjectIdentifier(fact.range.file)] = fileOrder.count
        }
        let unlocated = out.filter { $0.0.range == nil }.sorted { $0.1 < $1.1 }.map(\.0)
        let located = out.compactMap { d, _ in d.range.map { (d, fileOrder[ObjectIdentifier($0.file)] ?? 0, $0.start) } }
            .enumerated().sorted { a, b in
                (a.element.1, a.element.2, a.offset) < (b.element.1, b.element.2, b.offset)
            }.map(\.element.0)
        return unlocated + located
    }

    /// The sources a stated fact is cited to (`default` left out).
    static func sources(of predicate: String, _ arguments: [Term], in database: Database) -> [Term] {
        guard let r = database.existingRelation(predicate), r.arity == arguments.count else { return [] }
        let ids = arguments.compactMap { database.dictionary.id(for: $0) }
        guard ids.count == arguments.count else { return [] }
        let row = ids.withUnsafeBufferPointer { r.find($0) }
        guard row >= 0 else { return [] }
        return (r.sources[Int32(row)] ?? []).map { database.dictionary[$0] }.filter { $0 != Database.unsourcedTerm }
    }
}
