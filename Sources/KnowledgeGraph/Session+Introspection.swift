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

    /// Entities whose id or one of whose names (`NamePredicate`: labels, alt labels,
    /// acronyms, titles, headings, listed topics, descriptive labels) contains `text`,
    /// ignoring case and accents, each with what matched and from which predicate; an id or
    /// label match first, then by id (`NameIndex.find`). Ids are searched among the entities
    /// with a `type`.
    public func find(_ text: String) throws -> [EntityMatch] {
        let model = try evaluate().model
        var typed: [Term] = []
        if let type = model.existingRelation("type"), type.arity == 2 {
            var seen = Set<TermID>()
            for row in 0..<type.count where seen.insert(type.value(row: row, column: 0)).inserted {
                typed.append(model.dictionary[type.value(row: row, column: 0)])
            }
        }
        return NameIndex(database: model).find(text, ids: typed)
    }

    /// Every name of `entity` (labels first), from the evaluated model, with the sources each
    /// name is stated under (empty for a derived name or one stated under no source).
    public func names(of entity: Term) throws -> [(name: EntityName, sources: [Term])] {
        let model = try evaluate().model
        guard let id = model.dictionary.id(for: entity) else { return [] }
        return NameIndex(database: model).names(of: entity).map { name in
            guard let r = model.existingRelation(name.predicate.name), let value = model.dictionary.id(for: name.value) else { return (name, []) }
            let ids = [id, value]
            let row = ids.withUnsafeBufferPointer { r.find($0) }
            guard row >= 0 else { return (name, []) }
            let sources = (r.sources[Int32(row)] ?? []).map { model.dictionary[$0] }.filter { $0 != Database.unsourcedTerm }
            return (name, sources.sorted { TermOrder.compare($0, $1) < 0 })
        }
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
