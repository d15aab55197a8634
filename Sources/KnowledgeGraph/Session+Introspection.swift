import KGAnalysis
import KGEngine
import KGFormats
import KGLanguage
import KGStore

/// One predicate as `:schema` lists it.
public struct PredicateSummary: Sendable {
    public let name: String
    public let signature: String
    public let arity: Int
    public let statedFacts: Int
    public let derivedFacts: Int
    public let hasRules: Bool
    public let classes: [String]?
    public let description: String?
}

/// One edge of an entity as `:describe` lists it.
public struct EdgeDescription: Sendable {
    public let predicate: String
    /// The entity at the other end.
    public let other: Term
    /// Sources the edge was stated under (empty for a derived edge or one with no source).
    public let sources: [Term]
    public let derived: Bool
}

/// Everything the graph says about one entity.
public struct EntityDescription: Sendable {
    public let entity: Term
    public let labels: [Term]
    public let types: [Term]
    public let outgoing: [EdgeDescription]
    public let incoming: [EdgeDescription]
    /// Facts of other arities that mention the entity, as text.
    public let otherFacts: [String]
}

extension Session {
    /// Every known predicate, sorted by name.
    public func schema() throws -> [PredicateSummary] {
        let evaluator = try evaluate()
        return table.entries.values.sorted { $0.spelling < $1.spelling }.map { entry in
            let total = evaluator.model.existingRelation(entry.name)?.count ?? 0
            let stated = database.existingRelation(entry.name)?.count ?? 0
            return PredicateSummary(
                name: entry.name, signature: entry.signature, arity: entry.arity, statedFacts: stated,
                derivedFacts: max(0, total - stated), hasRules: entry.hasRules,
                classes: entry.declaration?.argumentClasses, description: entry.declaration?.description)
        }
    }

    /// What the graph says about `entity`: labels, types, and every edge in and out.
    public func describe(_ entity: Term) throws -> EntityDescription? {
        let evaluator = try evaluate()
        let model = evaluator.model
        guard let id = model.dictionary.id(for: entity) else { return nil }
        var outgoing: [EdgeDescription] = [], incoming: [EdgeDescription] = [], other: [String] = []
        var labels: [Term] = [], types: [Term] = []
        for name in model.relations.keys.sorted() where name != "?-" {
            guard let r = model.existingRelation(name) else { continue }
            for row in 0..<r.count {
                let values = r.row(row)
                guard values.contains(id) else { continue }
                let sources = (r.sources[Int32(row)] ?? []).map { model.dictionary[$0] }
                let derived = !evaluator.isStated(name, row: row)
                let spelling = table[name]?.spelling ?? name
                if r.arity == 2 {
                    if values[0] == id {
                        let o = model.dictionary[values[1]]
                        if name == "label" { labels.append(o) }
                        if name == "type" { types.append(o) }
                        outgoing.append(EdgeDescription(predicate: spelling, other: o, sources: sources, derived: derived))
                    }
                    if values[1] == id {
                        incoming.append(EdgeDescription(predicate: spelling, other: model.dictionary[values[0]], sources: sources, derived: derived))
                    }
                } else {
                    other.append(DatalogText.fact(spelling, values.map { model.dictionary[$0] }))
                }
            }
        }
        if outgoing.isEmpty && incoming.isEmpty && other.isEmpty { return nil }
        return EntityDescription(entity: entity, labels: labels, types: types, outgoing: outgoing, incoming: incoming, otherFacts: other)
    }

    /// Entities whose id, label or acronym contains `text`, ignoring case and accents, with
    /// the names that matched; sorted by id.
    public func find(_ text: String) throws -> [(entity: Term, matches: [String])] {
        let model = try evaluate().model
        let needle = TextFolding.fold(text)
        var found: [TermID: [String]] = [:]
        for name in ["label", "acronym"] {
            guard let r = model.existingRelation(name), r.arity == 2 else { continue }
            for row in 0..<r.count {
                let value = model.dictionary[r.value(row: row, column: 1)]
                if TextFolding.fold(value.text).contains(needle) {
                    found[r.value(row: row, column: 0), default: []].append(value.text)
                }
            }
        }
        for (id, term) in model.dictionary.terms.enumerated() {
            if case .entity(let n) = term, TextFolding.fold(n).contains(needle), isSubjectOrObject(TermID(id), model) {
                found[TermID(id), default: []].insert(n, at: 0)
            }
        }
        return found.map { (model.dictionary[$0.key], $0.value) }.sorted { TermOrder.compare($0.entity, $1.entity) < 0 }
    }

    private func isSubjectOrObject(_ id: TermID, _ model: Database) -> Bool {
        guard let type = model.existingRelation("type"), type.arity == 2 else { return false }
        for row in 0..<type.count where type.value(row: row, column: 0) == id { return true }
        return false
    }

    /// A short label for display: the English label, else any label, else nil.
    public func preferredLabel(_ entity: Term) throws -> String? {
        let model = try evaluate().model
        guard let id = model.dictionary.id(for: entity), let r = model.existingRelation("label"), r.arity == 2 else { return nil }
        let index = r.index(on: [0])
        var key: UInt64 = 0
        key = mixHash(key, id)
        var row = r.firstRow(index: index, keyHash: finishHash(key))
        var any: String?
        while row >= 0 {
            if r.value(row: Int(row), column: 0) == id {
                let t = model.dictionary[r.value(row: Int(row), column: 1)]
                if case .string(let s, let lang) = t {
                    if lang == "en" { return s }
                    any = any ?? s
                }
            }
            row = r.nextRow(index: index, after: row)
        }
        return any
    }
}
