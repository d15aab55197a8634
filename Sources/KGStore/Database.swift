/// The stated facts of a knowledge graph: one `Relation` per predicate over one dictionary.
///
/// Binary relations are the graph's edges: `member_of(ecuador, csm)` is the triple
/// (ecuador, member_of, csm). Partitioning triples by predicate (vertical partitioning) keeps
/// every access pattern on an index: with the predicate bound, the relation's own hash index
/// on the bound columns; with it unbound (`triple/3`), one lookup per binary relation.
public final class Database: @unchecked Sendable {
    /// The dictionary every relation's ids refer to.
    public let dictionary: TermDictionary
    /// Relations by predicate name (`member_of`, or `<iri>` for an IRI predicate).
    public private(set) var relations: [String: Relation] = [:]

    public init(dictionary: TermDictionary = TermDictionary()) {
        self.dictionary = dictionary
    }

    /// A copy sharing all storage until one side changes; evaluation derives into a copy so
    /// the stated facts stay as loaded.
    public func copy() -> Database {
        let other = Database(dictionary: dictionary.copy())
        other.relations = relations.mapValues { $0.copy() }
        return other
    }

    /// A copy with the dictionary and only the relations named in `predicates` (a scratch
    /// model for an evaluation that reads no others).
    public func copy(only predicates: Set<String>) -> Database {
        let other = Database(dictionary: dictionary.copy())
        for name in predicates {
            if let r = relations[name] { other.relations[name] = r.copy() }
        }
        return other
    }

    /// The relation of `predicate`, created empty with `arity` if absent.
    public func relation(_ predicate: String, arity: Int) -> Relation {
        if let r = relations[predicate] { return r }
        let r = Relation(arity: arity)
        relations[predicate] = r
        return r
    }

    /// The relation of `predicate` if it has one.
    public func existingRelation(_ predicate: String) -> Relation? { relations[predicate] }

    /// States a fact, citing `source` when given. Returns false when the predicate already has
    /// another arity (callers report that as a diagnostic before getting here).
    @discardableResult
    public func add(predicate: String, _ arguments: [Term], source: Term? = nil) -> Bool {
        let r = relation(predicate, arity: arguments.count)
        guard r.arity == arguments.count else { return false }
        let ids = arguments.map { dictionary.intern($0) }
        r.insert(ids, source: source.map { dictionary.intern($0) }, unsourced: unsourced)
        return true
    }

    /// The id of `default`, the source of a fact stated under none (see `quad/4`); interned
    /// only when asked for.
    public var unsourced: TermID { dictionary.intern(Database.unsourcedTerm) }
    public static let unsourcedTerm = Term.entity("default")

    /// The predicate name as a term: an entity for plain names, an IRI for `<iri>` names.
    public static func predicateTerm(_ name: String) -> Term {
        if name.hasPrefix("<"), name.hasSuffix(">") { return .iri(String(name.dropFirst().dropLast())) }
        return .entity(name)
    }

    /// The predicate name a term stands for in `triple/3` (inverse of `predicateTerm`).
    public static func predicateName(_ term: Term) -> String? {
        switch term {
        case .entity(let name): return name
        case .iri(let iri): return "<\(iri)>"
        default: return nil
        }
    }

    /// The number of stated binary facts (triples).
    public var tripleCount: Int {
        relations.values.reduce(0) { $0 + ($1.arity == 2 ? $1.count : 0) }
    }

    /// The number of stated facts of any arity.
    public var factCount: Int { relations.values.reduce(0) { $0 + $1.count } }

    /// Bytes held by the store, by part (an estimate from capacities, not the allocator's count).
    public var memoryUse: MemoryUse {
        var use = MemoryUse()
        for r in relations.values {
            use.rows += r.rowBytes
            use.deduplication += r.set.memoryFootprint
            use.indexes += r.indexes.reduce(0) { $0 + $1.memoryFootprint }
        }
        use.dictionary = dictionary.memoryFootprint
        return use
    }
}

extension Database {
    /// Drops a relation (the scratch relation a query plans into).
    public func removeRelation(_ name: String) { relations[name] = nil }
}

/// Where the store's memory goes (`:stats`, BENCHMARKS.md).
public struct MemoryUse: Sendable {
    /// The relations' row buffers (capacity, not count).
    public var rows = 0
    /// The relations' deduplication sets.
    public var deduplication = 0
    /// The hash indexes built for query plans.
    public var indexes = 0
    /// Terms, their hashes, the lookup table and the text of strings too long to be stored
    /// inline.
    public var dictionary = 0

    public var total: Int { rows + deduplication + indexes + dictionary }
}
