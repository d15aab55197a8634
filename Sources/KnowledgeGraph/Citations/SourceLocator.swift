import KGAnalysis
import KGStore

/// Where a source's words are: the document file, the heading they stand under and the
/// lines (1-based, inclusive, as `sed -n 'First,Lastp'` prints them).
public struct SourceSpan: Sendable, Equatable {
    /// The passage or section cited.
    public let source: Term
    /// The document entity (the one with the `source_file`).
    public let document: Term
    /// The document's file name in the user's `--docs` folder.
    public let file: String
    /// The document's name: its Spanish label, else any label, else nil.
    public let documentName: String?
    /// The heading the lines stand under: the unit's own `heading`, else (for a passage) its
    /// section's heading, else the section's Spanish label, else the unit's label.
    public let heading: String?
    /// True when `heading` is a `heading` fact (printed in the document), false when it is a
    /// label the curators gave the section.
    public let headingIsPrinted: Bool
    public let lines: ClosedRange<Int>

    /// "003_….txt, lines 650–668" (or "line 21" for one line).
    public var place: String {
        lines.count == 1 ? "\(file), line \(lines.lowerBound)" : "\(file), lines \(lines.lowerBound)–\(lines.upperBound)"
    }
}

/// A source of the curators' own making: the fact it cites is no document's words but an
/// inference (`type(S, curator_inference)`), with a note saying what was inferred from
/// which passages (`inferred_from/2`, `note/2`).
public struct InferenceSource: Sendable {
    public let source: Term
    /// The curators' note(s), in term order.
    public let notes: [String]
    /// What it was inferred from, each resolved to its lines or to why it cannot be.
    public let from: [(source: Term, span: Result<SourceSpan, SourceLookupError>)]
}

/// What a source id resolves to.
public enum ResolvedSource: Sendable {
    /// A passage or section with its lines.
    case span(SourceSpan)
    /// A curator inference.
    case inference(InferenceSource)
}

/// Resolves source entities to their document, heading and lines by following the data
/// conventions of the seed graph (seeds/README.md):
///
/// - a passage `P` has `passage_of(P, S)`, a section `S` has `section_of(S, D)`, and the
///   document `D` has `source_file(D, "NNN_….txt")`; each unit that names lines has
///   `line_range(U, First, Last)` with whole numbers;
/// - `heading(S, "…")` is a section's heading as printed;
/// - `type(I, curator_inference)` with `inferred_from(I, U)` and `note(I, "…")` marks the
///   curators' inferences.
///
/// It reads the stated facts of a database once, when made; make a new one after a change.
public struct SourceLocator: Sendable {
    private var lineRange: [Term: (Term, Term)] = [:]
    private var parent: [Term: Term] = [:]
    private var sourceFile: [Term: String] = [:]
    private var heading: [Term: [Term]] = [:]
    private var labels: [Term: [Term]] = [:]
    private var types: [Term: Set<Term>] = [:]
    private var inferredFrom: [Term: [Term]] = [:]
    private var notes: [Term: [String]] = [:]
    private var seq: [Term: Int64] = [:]
    /// Every entity some stated fact is cited to (`default` excluded).
    public private(set) var citedSources: Set<Term> = []

    /// Classes whose instances are sources (for suggestions and for telling a source apart).
    static let sourceClasses: Set<Term> = ["source", "document", "document_section", "passage", "curator_inference", "curation_source"].reduce(into: []) { $0.insert(.entity($1)) }

    public init(database: Database) {
        let dictionary = database.dictionary
        func pairs(_ name: String) -> [(Term, Term)] {
            guard let r = database.existingRelation(name), r.arity == 2 else { return [] }
            return (0..<r.count).map { (dictionary[r.value(row: $0, column: 0)], dictionary[r.value(row: $0, column: 1)]) }
        }
        if let r = database.existingRelation("line_range"), r.arity == 3 {
            var all: [Term: [(Term, Term)]] = [:]
            for row in 0..<r.count {
                all[dictionary[r.value(row: row, column: 0)], default: []]
                    .append((dictionary[r.value(row: row, column: 1)], dictionary[r.value(row: row, column: 2)]))
            }
            // Two ranges for one unit: the first in term order, so the choice never depends on load order.
            lineRange = all.compactMapValues { list in
                list.min { a, b in
                    let c = TermOrder.compare(a.0, b.0)
                    return c != 0 ? c < 0 : TermOrder.compare(a.1, b.1) < 0
                }
            }
        }
        // passage_of wins over section_of when a unit has both; the first parent in term order.
        for name in ["section_of", "passage_of"] {
            var found: [Term: Term] = [:]
            for (a, b) in pairs(name) where found[a].map({ TermOrder.compare(b, $0) < 0 }) ?? true { found[a] = b }
            parent.merge(found) { _, new in new }
        }
        for (d, f) in pairs("source_file") {
            guard case .string(let s, _) = f else { continue }
            if let old = sourceFile[d], old < s { continue }
            sourceFile[d] = s
        }
        for (s, h) in pairs("heading") { heading[s, default: []].append(h) }
        for (s, l) in pairs("label") { labels[s, default: []].append(l) }
        for (s, c) in pairs("type") { types[s, default: []].insert(c) }
        for (i, u) in pairs("inferred_from") { inferredFrom[i, default: []].append(u) }
        for (s, n) in pairs("note") { if case .string(let text, _) = n { notes[s, default: []].append(text) } }
        for (s, n) in pairs("seq") { if case .integer(let v) = n { seq[s] = v } }
        heading = heading.mapValues(Self.sorted)
        labels = labels.mapValues(Self.sorted)
        inferredFrom = inferredFrom.mapValues(Self.sorted)
        notes = notes.mapValues { $0.sorted() }
        let unsourced = Database.unsourcedTerm
        for relation in database.relations.values {
            for ids in relation.sources.values {
                for id in ids {
                    let t = dictionary[id]
                    if t != unsourced { citedSources.insert(t) }
                }
            }
        }
    }

    private static func sorted(_ terms: [Term]) -> [Term] {
        var seen = Set<Term>()
        return terms.filter { seen.insert($0).inserted }.sorted { TermOrder.compare($0, $1) < 0 }
    }

    // MARK: - Questions about one source

    /// True for a curator inference: `type(S, curator_inference)` or any `inferred_from(S, _)`.
    public func isInference(_ source: Term) -> Bool {
        types[source]?.contains(.entity("curator_inference")) == true || inferredFrom[source] != nil
    }

    /// True when `term` is something kg knows as a source: cited by a fact, typed as a
    /// source class, or having line_range, source_file, passage_of, section_of or inferred_from.
    public func isKnownSource(_ term: Term) -> Bool {
        citedSources.contains(term) || isSourceEntity(term)
    }

    /// True when `term` is a source by its own facts (a source class, line_range,
    /// source_file, passage_of, section_of or inferred_from), not merely cited.
    public func isSourceEntity(_ term: Term) -> Bool {
        lineRange[term] != nil || sourceFile[term] != nil || parent[term] != nil || inferredFrom[term] != nil
            || !(types[term] ?? []).isDisjoint(with: Self.sourceClasses)
    }

    /// True for `type(P, passage)`.
    public func isPassage(_ source: Term) -> Bool {
        types[source]?.contains(.entity("passage")) == true
    }

    /// The document entity a unit belongs to (itself for a document), following parents.
    public func document(of source: Term) -> Term? {
        var current = source
        var seen: Set<Term> = [source]
        while sourceFile[current] == nil {
            guard let next = parent[current], seen.insert(next).inserted else { return nil }
            current = next
        }
        return current
    }

    /// The file name of a document entity.
    public func file(ofDocument document: Term) -> String? { sourceFile[document] }

    /// Every document entity (with a `source_file`), in term order.
    public var documents: [Term] { sourceFile.keys.sorted { TermOrder.compare($0, $1) < 0 } }

    /// The line range as stated, checked: nil when the unit has none.
    public func lineRange(of source: Term) throws(SourceLookupError) -> ClosedRange<Int>? {
        guard let (a, b) = lineRange[source] else { return nil }
        guard case .integer(let first) = a, case .integer(let last) = b, first >= 1, last >= first, last <= Int64(Int32.max) else {
            throw .badRange(id: Self.idText(source), range: "(\(a.text), \(b.text))")
        }
        return Int(first)...Int(last)
    }

    /// Every unit with a line_range, in term order.
    public var unitsWithLines: [Term] { lineRange.keys.sorted { TermOrder.compare($0, $1) < 0 } }

    /// Resolves a source id (as typed: `src_doc003_session_4_p2`) or term.
    public func resolve(_ source: Term) throws(SourceLookupError) -> ResolvedSource {
        guard isKnownSource(source) else {
            throw .unknownSource(id: Self.idText(source), suggestions: suggestions(for: Self.idText(source)))
        }
        if isInference(source) {
            let from = (inferredFrom[source] ?? []).map { unit -> (source: Term, span: Result<SourceSpan, SourceLookupError>) in
                (unit, Result { () throws(SourceLookupError) -> SourceSpan in try span(of: unit) })
            }
            return .inference(InferenceSource(source: source, notes: notes[source] ?? [], from: from))
        }
        return .span(try span(of: source))
    }

    /// The lines a passage or section names, with its document and heading.
    public func span(of source: Term) throws(SourceLookupError) -> SourceSpan {
        let id = Self.idText(source)
        guard let lines = try lineRange(of: source) else {
            if let file = sourceFile[source] {
                throw .noLineRange(id: id, file: file, sections: parts(of: source).map(Self.idText))
            }
            throw .noLineRange(id: id, file: nil, sections: [])
        }
        guard let document = document(of: source), let file = sourceFile[document] else {
            let loop = hasLoop(from: source)
            throw .noDocument(id: id, reachedLoop: loop)
        }
        let heading = headingText(of: source)
        return SourceSpan(source: source, document: document, file: file, documentName: name(of: document),
                          heading: heading?.text, headingIsPrinted: heading?.printed ?? false, lines: lines)
    }

    /// The notes of a source (a curator inference's explanation), in order.
    public func notes(of source: Term) -> [String] { notes[source] ?? [] }

    private func hasLoop(from source: Term) -> Bool {
        var current = source
        var seen: Set<Term> = [source]
        while let next = parent[current] {
            if !seen.insert(next).inserted { return true }
            current = next
        }
        return false
    }

    /// The heading of a unit: its own, else its section's, else its section's Spanish label
    /// (for a passage), else its own Spanish label, else any label.
    public func headingText(of source: Term) -> (text: String, printed: Bool)? {
        if let h = heading[source]?.first { return (h.text, true) }
        if isPassage(source) || (parent[source].map { sourceFile[$0] == nil } ?? false), let section = parent[source] {
            if let h = heading[section]?.first { return (h.text, true) }
            if let l = label(section, language: "es") { return (l, false) }
        }
        return (label(source, language: "es") ?? labels[source]?.first?.text).map { ($0, false) }
    }

    /// A document's name: Spanish label (the documents are Spanish), else any label.
    private func name(of document: Term) -> String? {
        label(document, language: "es") ?? labels[document]?.first?.text
    }

    private func label(_ term: Term, language: String) -> String? {
        for case .string(let s, let lang) in labels[term] ?? [] where lang == language { return s }
        return nil
    }

    /// The parts of a unit — a document's sections, a section's passages — by `seq`, then id.
    public func parts(of unit: Term) -> [Term] {
        parent.filter { $0.value == unit }.map(\.key).sorted { a, b in
            let (x, y) = (seq[a] ?? Int64.max, seq[b] ?? Int64.max)
            return x != y ? x < y : TermOrder.compare(a, b) < 0
        }
    }

    // MARK: - Suggestions

    /// Known source ids near `id`: those it is a prefix of (up to five), else the nearest by
    /// edit distance, as the unknown-predicate warning suggests.
    public func suggestions(for id: String) -> [String] {
        var known = Set<Term>(citedSources)
        known.formUnion(lineRange.keys)
        known.formUnion(sourceFile.keys)
        known.formUnion(parent.keys)
        known.formUnion(inferredFrom.keys)
        for (t, classes) in types where !classes.isDisjoint(with: Self.sourceClasses) { known.insert(t) }
        let names = known.map(Self.idText).sorted()
        guard !id.isEmpty else { return [] }
        let prefixed = names.filter { $0.hasPrefix(id) && $0 != id }
        if !prefixed.isEmpty { return Array(prefixed.prefix(5)) }
        return NameSuggester.nearest(to: id, among: names).map { [$0] } ?? []
    }

    /// A term as the user writes it.
    public static func idText(_ term: Term) -> String { EntityNames.idText(term) }
}
