import KGAnalysis
import KGEngine
import KGStore

/// One completion of a word being typed: a predicate (inserted with its opening
/// parenthesis), a built-in, or an entity (by id, or found by one of its names). The REPL's
/// Tab and the query page of `kg serve` both offer these.
public struct NameCompletion: Sendable, Hashable {
    public enum Kind: String, Sendable { case predicate, builtin, entity }
    public let kind: Kind
    /// What replaces the word: `member_of(`, `peru`.
    public let insert: String
    /// The predicate or entity name.
    public let name: String
    /// A predicate's arity.
    public let arity: Int?
    /// The name that matched, for an entity found by name (`Perú` for `peru`).
    public let label: String?
}

extension Session {
    /// The completions of `word` (the letters, digits and underscores before the cursor):
    /// predicates and built-ins starting with it, entity ids starting with it, and, when
    /// there are none of those, entities with a name (`NameIndex`) starting with it, each
    /// with the first such name, ignoring case and accents. Sorted by what is inserted, then
    /// by name, so the list is the same every time.
    public func completions(of word: String) -> [NameCompletion] {
        guard !word.isEmpty else { return [] }
        var out = Set<NameCompletion>()
        for entry in table.entries.values where entry.spelling.hasPrefix(word) && table.isKnown(entry.name) {
            out.insert(NameCompletion(kind: .predicate, insert: entry.arity == 0 ? entry.spelling : entry.spelling + "(",
                                      name: entry.spelling, arity: entry.arity, label: nil))
        }
        for builtin in BuiltinCatalog.all.values where builtin.name.hasPrefix(word) {
            out.insert(NameCompletion(kind: .builtin, insert: builtin.name + "(", name: builtin.name, arity: builtin.arity, label: nil))
        }
        let dictionary = database.dictionary
        for term in dictionary.terms {
            // Predicate names are in the dictionary too (triple/3 binds them); they were
            // offered above with their parenthesis.
            if case .entity(let n) = term, n.hasPrefix(word), !table.isKnown(n) {
                out.insert(NameCompletion(kind: .entity, insert: n, name: n, arity: nil, label: nil))
            }
        }
        if out.isEmpty {
            // By any name (NamePredicate: labels, alt labels, acronyms, titles, headings, listed
            // topics, descriptive labels): one candidate per entity, shown with the first name
            // that starts with the word.
            for (entity, name) in NameIndex(database: database).entities(withNamePrefix: word) {
                guard case .entity(let n) = entity else { continue }
                out.insert(NameCompletion(kind: .entity, insert: n, name: n, arity: nil, label: name.text))
            }
        }
        return out.sorted { ($0.insert, $0.label ?? "") < ($1.insert, $1.label ?? "") }
    }
}
