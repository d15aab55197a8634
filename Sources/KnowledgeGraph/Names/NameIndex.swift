import KGEngine
import KGStore

/// One name of an entity: the value as stated (a string, usually with its language tag) and
/// the predicate that states it.
public struct EntityName: Sendable, Hashable {
    public let predicate: NamePredicate
    public let value: Term

    public init(predicate: NamePredicate, value: Term) {
        self.predicate = predicate
        self.value = value
    }

    /// The name's text, without its language tag.
    public var text: String { value.text }
}

/// What matched when an entity was found by text: its id, or one of its names.
public enum NameMatch: Sendable, Hashable {
    case id(String)
    case name(EntityName)

    /// The text that matched.
    public var text: String {
        switch self {
        case .id(let s): return s
        case .name(let n): return n.text
        }
    }

    /// `id` or the predicate's name.
    public var source: String {
        switch self {
        case .id: return "id"
        case .name(let n): return n.predicate.name
        }
    }

    /// 0 for the id and labels, then 1 printed, 2 listed, 3 descriptive (`NamePredicate.Kind`).
    public var rank: Int {
        switch self {
        case .id: return 0
        case .name(let n): return n.predicate.kind.rawValue
        }
    }
}

/// An entity found by text, with every id or name of it that matched (id first, then names
/// in `NameIndex` order).
public struct EntityMatch: Sendable {
    public let entity: Term
    public let matches: [NameMatch]
    /// True when a whole id or name is the text (ignoring case and accents), not only contains it.
    public let exact: Bool

    /// The best rank among the matches (0: id or label).
    public var rank: Int { matches.map(\.rank).min() ?? Int.max }
}

/// Every name of every entity, read once from a database's `NamePredicate` relations (stated
/// or derived, whichever the database holds); make a new one after a change.
///
/// An entity's names are in a fixed order: by predicate (`NamePredicate`'s order: labels,
/// printed forms, listed topics, descriptive labels), then by kg's term order of the value, so
/// nothing depends on load order. Only string values are names; a name stated twice (under two
/// sources) is one name.
public struct NameIndex: Sendable {
    private var byEntity: [Term: [EntityName]] = [:]

    public init(database: Database) {
        let dictionary = database.dictionary
        var found: [Term: Set<EntityName>] = [:]
        for predicate in NamePredicate.allCases {
            guard let r = database.existingRelation(predicate.name), r.arity == 2 else { continue }
            for row in 0..<r.count {
                let value = dictionary[r.value(row: row, column: 1)]
                guard case .string = value else { continue }
                found[dictionary[r.value(row: row, column: 0)], default: []].insert(EntityName(predicate: predicate, value: value))
            }
        }
        byEntity = found.mapValues { $0.sorted(by: Self.precedes) }
    }

    /// The fixed order of names: predicate, then value in term order.
    static func precedes(_ a: EntityName, _ b: EntityName) -> Bool {
        a.predicate != b.predicate ? a.predicate < b.predicate : TermOrder.compare(a.value, b.value) < 0
    }

    /// The entity's names, in order; empty when it has none.
    public func names(of entity: Term) -> [EntityName] { byEntity[entity] ?? [] }

    /// The entity's names of the given kinds, in order.
    public func names(of entity: Term, kinds: Set<NamePredicate.Kind>) -> [EntityName] {
        names(of: entity).filter { kinds.contains($0.predicate.kind) }
    }

    /// Every entity that has a name, in term order.
    public var entities: [Term] { byEntity.keys.sorted { TermOrder.compare($0, $1) < 0 } }

    /// Entities whose id or a name contains `text`, ignoring case and accents
    /// (`TextFolding.fold`). `ids` are the entities whose id may match (those with a name
    /// always may). Sorted: entities with a whole id or name equal to the text first; then by
    /// their best match — an id or a label, then a printed form, a listed topic, a
    /// descriptive label; then by id in term order.
    public func find(_ text: String, ids: some Sequence<Term> = [Term]()) -> [EntityMatch] {
        let needle = TextFolding.fold(text)
        var candidates = Set(byEntity.keys)
        candidates.formUnion(ids)
        var out: [EntityMatch] = []
        for entity in candidates {
            var matches: [NameMatch] = []
            let id = EntityNames.idText(entity)
            if entity.isNode, TextFolding.fold(id).contains(needle) { matches.append(.id(id)) }
            for name in names(of: entity) where TextFolding.fold(name.text).contains(needle) { matches.append(.name(name)) }
            if !matches.isEmpty {
                let exact = matches.contains { TextFolding.fold($0.text) == needle }
                out.append(EntityMatch(entity: entity, matches: matches, exact: exact))
            }
        }
        return out.sorted { a, b in
            if a.exact != b.exact { return a.exact }
            return a.rank != b.rank ? a.rank < b.rank : TermOrder.compare(a.entity, b.entity) < 0
        }
    }

    /// Entities one of whose names starts with `prefix`, ignoring case and accents, each with
    /// the first name (in order) that starts with it as typed, else the first that does
    /// ignoring case and accents (typing "Perú" shows `Perú`, not the `Peru`@en label before
    /// it); in term order of the entity. REPL completion offers these.
    public func entities(withNamePrefix prefix: String) -> [(entity: Term, name: EntityName)] {
        let needle = TextFolding.fold(prefix)
        var out: [(entity: Term, name: EntityName)] = []
        for (entity, names) in byEntity {
            let matching = names.filter { TextFolding.fold($0.text).hasPrefix(needle) }
            if let name = matching.first(where: { $0.text.hasPrefix(prefix) }) ?? matching.first { out.append((entity, name)) }
        }
        return out.sorted { TermOrder.compare($0.entity, $1.entity) < 0 }
    }
}
