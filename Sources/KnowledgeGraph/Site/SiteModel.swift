import KGEngine
import KGStore

/// One fact of the evaluated model as the site shows it.
struct SiteFact {
    /// The relation's name (`member_of`, `<iri>`).
    let name: String
    /// The predicate as the user spelled it.
    let predicate: String
    let arguments: [Term]
    /// Sources the fact was stated under, in term order (empty when derived or uncited).
    let sources: [Term]
    let derived: Bool

    var isBinary: Bool { arguments.count == 2 }
}

/// Everything the site draws from, read once from the evaluated model and sorted so that
/// every page comes out the same on every run: the facts (stated and derived), the entities
/// that get a page, names, classes, and per-entity indexes of the facts about each.
final class SiteModel {
    let facts: [SiteFact]
    let names: EntityNames
    let classes: ClassHierarchy
    /// Entities with a page: every entity, IRI or blank node that is an argument of some
    /// fact or a source of one; sorted.
    let entities: [Term]
    private let pageSet: Set<Term>
    /// Binary facts by subject, by object (when it is a node), other facts by any node
    /// argument, facts by each source citing them; lists of indexes into `facts`, in order.
    private(set) var outgoing: [Term: [Int]] = [:]
    private(set) var incoming: [Term: [Int]] = [:]
    private(set) var mentions: [Term: [Int]] = [:]
    private(set) var cited: [Term: [Int]] = [:]
    let statedCount: Int
    let chronology: Chronology
    /// Where each cited source's words are, and their text with `--docs`.
    let passages: SitePassages

    init(session: Session, documents: DocumentFolder? = nil) throws {
        passages = try SitePassages(database: session.database, documents: documents)
        let evaluator = try session.evaluate()
        let model = evaluator.model
        let dictionary = model.dictionary
        var facts: [SiteFact] = []
        for name in model.relations.keys.sorted() where name != "?-" {
            guard let entry = session.table[name], let r = model.existingRelation(name) else { continue }
            for row in 0..<r.count {
                let arguments = r.row(row).map { dictionary[$0] }
                let sources = (r.sources[Int32(row)] ?? []).map { dictionary[$0] }.sorted { TermOrder.compare($0, $1) < 0 }
                facts.append(SiteFact(name: name, predicate: entry.spelling, arguments: arguments, sources: sources,
                                      derived: !evaluator.isStated(name, row: row)))
            }
        }
        facts.sort { a, b in
            if a.name != b.name { return TermOrder.compareText(a.name, b.name) < 0 }
            for (x, y) in zip(a.arguments, b.arguments) {
                let c = TermOrder.compare(x, y)
                if c != 0 { return c < 0 }
            }
            return a.arguments.count < b.arguments.count
        }
        self.facts = facts
        statedCount = facts.filter { !$0.derived }.count

        var pages = Set<Term>()
        for (i, fact) in facts.enumerated() {
            for term in fact.arguments where term.isNode { pages.insert(term) }
            for source in fact.sources where source.isNode {
                pages.insert(source)
                cited[source, default: []].append(i)
            }
            if fact.isBinary {
                outgoing[fact.arguments[0], default: []].append(i)
                if fact.arguments[1].isNode { incoming[fact.arguments[1], default: []].append(i) }
            } else {
                var seen = Set<Term>()
                for term in fact.arguments where term.isNode && seen.insert(term).inserted {
                    mentions[term, default: []].append(i)
                }
            }
        }
        pageSet = pages
        entities = pages.sorted { TermOrder.compare($0, $1) < 0 }
        names = EntityNames(model: model)
        classes = ClassHierarchy(model: model)
        chronology = Chronology(facts: facts)
    }

    func hasPage(_ term: Term) -> Bool { pageSet.contains(term) }

    /// The top class's name (`state`, `meeting`, ...), or nil for an untyped entity.
    func topClassName(_ term: Term) -> String? {
        guard case .entity(let name)? = classes.topClass(of: term) else { return nil }
        return name
    }

    /// True when the entity falls under the top class `name`.
    func isA(_ term: Term, _ name: String) -> Bool { topClassName(term) == name }

    /// Sorts terms by their display name (ignoring case and accents), then by term order.
    func sortedByName(_ terms: [Term]) -> [Term] {
        let keyed = terms.map { (TextFolding.fold(names.display($0)), $0) }
        return keyed.sorted { a, b in
            let c = TermOrder.compareText(a.0, b.0)
            return c != 0 ? c < 0 : TermOrder.compare(a.1, b.1) < 0
        }.map(\.1)
    }

    /// The facts with these indexes.
    func facts(_ indexes: [Int]?) -> [SiteFact] { (indexes ?? []).map { facts[$0] } }
}
