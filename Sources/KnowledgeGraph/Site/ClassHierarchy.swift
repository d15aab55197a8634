import KGStore

/// The classes of a model as `type/2` and `subclass_of/2` state them: each entity's classes,
/// each class's parents and children, and the top class an entity falls under (its finest
/// class followed up `subclass_of` to a class with no parent). Used by the Graphviz picture
/// and the site to colour, group and index entities.
struct ClassHierarchy {
    /// Entity → its classes (`type/2` objects), sorted.
    private(set) var types: [Term: [Term]] = [:]
    /// Class → its direct superclasses, sorted.
    private(set) var parents: [Term: [Term]] = [:]
    /// Class → its direct subclasses, sorted.
    private(set) var children: [Term: [Term]] = [:]
    /// Class → entities whose `type` it is, sorted.
    private(set) var instances: [Term: [Term]] = [:]

    init(model: Database) {
        for (x, c) in ClassHierarchy.pairs(model, "type") {
            types[x, default: []].append(c)
            instances[c, default: []].append(x)
        }
        for (a, b) in ClassHierarchy.pairs(model, "subclass_of") where a != b {
            parents[a, default: []].append(b)
            children[b, default: []].append(a)
        }
        types = types.mapValues { ClassHierarchy.sortedUnique($0) }
        parents = parents.mapValues { ClassHierarchy.sortedUnique($0) }
        children = children.mapValues { ClassHierarchy.sortedUnique($0) }
        instances = instances.mapValues { ClassHierarchy.sortedUnique($0) }
    }

    /// The (subject, object) pairs of a binary relation of the model, in storage order.
    static func pairs(_ model: Database, _ name: String) -> [(Term, Term)] {
        guard let r = model.existingRelation(name), r.arity == 2 else { return [] }
        return (0..<r.count).map { (model.dictionary[r.value(row: $0, column: 0)], model.dictionary[r.value(row: $0, column: 1)]) }
    }

    static func sortedUnique(_ terms: [Term]) -> [Term] {
        var seen = Set<Term>()
        return terms.filter { seen.insert($0).inserted }.sorted { TermOrder.compare($0, $1) < 0 }
    }

    /// `cls`, its first parent, that one's first parent, ... up to a class with no parent
    /// (cycles cut where a class repeats).
    func ancestry(of cls: Term) -> [Term] {
        var chain = [cls]
        var seen: Set<Term> = [cls]
        var current = cls
        while let next = parents[current]?.first, seen.insert(next).inserted {
            chain.append(next)
            current = next
        }
        return chain
    }

    /// The top class of `cls`: the last class of its ancestry.
    func root(of cls: Term) -> Term { ancestry(of: cls).last ?? cls }

    /// The top class of an entity: the root of its first class; nil for an untyped entity.
    /// A class entity (`type(C, class)`) has top class `class`.
    func topClass(of entity: Term) -> Term? {
        guard let first = types[entity]?.first else { return nil }
        return root(of: first)
    }

    /// Classes with no superclass that have instances or subclasses, sorted.
    var roots: [Term] {
        var all = Set<Term>(instances.keys)
        all.formUnion(children.keys)
        return all.filter { (parents[$0] ?? []).isEmpty }.sorted { TermOrder.compare($0, $1) < 0 }
    }

    /// True when `term` is used as a class (has instances, a parent, children, or type class).
    func isClass(_ term: Term) -> Bool {
        instances[term] != nil || parents[term] != nil || children[term] != nil
            || (types[term] ?? []).contains(.entity("class"))
    }
}
