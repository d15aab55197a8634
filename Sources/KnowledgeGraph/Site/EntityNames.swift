import KGEngine
import KGStore

/// The names of entities: `label/2` (by language), `alt_label/2` and `acronym/2`, every name
/// of `NameIndex` for search, and the one name to show for an entity (its label in the page's
/// language, else one in the other language, else any label, else its id).
struct EntityNames {
    /// The language names are shown in.
    var language = SiteLanguage.es
    /// Entity → its labels, sorted (language-tagged strings as stated).
    private(set) var labels: [Term: [Term]] = [:]
    private(set) var altLabels: [Term: [Term]] = [:]
    private(set) var acronyms: [Term: [Term]] = [:]
    /// Every name of every entity (`NamePredicate`), for the search index.
    let index: NameIndex

    init(model: Database, language: SiteLanguage) {
        self.language = language
        index = NameIndex(database: model)
        for (name, keyPath) in [("label", \EntityNames.labels), ("alt_label", \EntityNames.altLabels), ("acronym", \EntityNames.acronyms)] {
            var map: [Term: [Term]] = [:]
            for (x, value) in ClassHierarchy.pairs(model, name) { map[x, default: []].append(value) }
            map = map.mapValues { ClassHierarchy.sortedUnique($0) }
            self[keyPath: keyPath] = map
        }
    }

    /// The label in `language`, if the entity has one (the first in term order).
    func label(_ entity: Term, language: String) -> String? {
        for case .string(let s, let lang) in labels[entity] ?? [] where lang == language { return s }
        return nil
    }

    /// The name to show: the label in `language`, else in the other language, else any
    /// label, else the id.
    func display(_ entity: Term) -> String {
        if let mine = label(entity, language: language.rawValue) { return mine }
        if let other = label(entity, language: language.other.rawValue) { return other }
        if let any = labels[entity]?.first { return any.text }
        return EntityNames.idText(entity)
    }

    /// The entity's id as a user writes it: `ecuador`, `<http://…>`, `_:b1`.
    static func idText(_ term: Term) -> String {
        switch term {
        case .entity(let n): return n
        case .iri(let i): return "<\(i)>"
        case .blankNode(let b): return "_:\(b)"
        default: return term.text
        }
    }

    /// Every name an entity can be searched by: its id, then each of its names
    /// (`NameIndex`: labels, alt labels, acronyms, titles, headings, listed topics,
    /// descriptive labels), each text once.
    func searchNames(_ entity: Term) -> [String] {
        var names = [EntityNames.idText(entity)]
        for name in index.names(of: entity) where !names.contains(name.text) { names.append(name.text) }
        return names
    }
}

extension Term {
    /// True for terms that are graph nodes (entities, IRIs, blank nodes), not literals.
    var isNode: Bool {
        switch self {
        case .entity, .iri, .blankNode: return true
        default: return false
        }
    }
}
