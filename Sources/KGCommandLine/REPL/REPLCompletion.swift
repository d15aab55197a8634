import KGStore
import KGAnalysis
import KGEngine
import KGFormats
import KnowledgeGraph

/// Tab completion for the REPL: `:commands` at the start of a line, then predicate names
/// (inserted with their opening parenthesis, listed with their arity: `member_of/2`), entity
/// ids, and — when nothing else matches — entities by any of their names (`NameIndex`: typing
/// "Perú" offers `peru`, listed as `peru (Perú)`; "FEMI" offers the forums printed "FEMI 2022"
/// and "FEMI 2026"), ignoring case and accents.
enum REPLCompletion {
    static func candidates(line: String, cursor: Int, session: Session) -> (start: Int, candidates: [CompletionCandidate]) {
        let chars = Array(line)
        let end = min(cursor, chars.count)
        var start = end
        while start > 0, isWordCharacter(chars[start - 1]) { start -= 1 }
        let word = String(chars[start..<end])
        if start > 0, chars[start - 1] == ":", chars[..<(start - 1)].allSatisfy(\.isWhitespace) {
            return (start, REPL.commands.map(\.name).filter { $0.hasPrefix(word) }.map { CompletionCandidate($0) })
        }
        guard !word.isEmpty else { return (start, []) }
        var out = Set<CompletionCandidate>()
        for entry in session.table.entries.values where entry.spelling.hasPrefix(word) && session.table.isKnown(entry.name) {
            out.insert(CompletionCandidate(entry.arity == 0 ? entry.spelling : entry.spelling + "(",
                                           display: "\(entry.spelling)/\(entry.arity)"))
        }
        for builtin in BuiltinCatalog.all.values where builtin.name.hasPrefix(word) {
            out.insert(CompletionCandidate(builtin.name + "(", display: "\(builtin.name)/\(builtin.arity)"))
        }
        let dictionary = session.database.dictionary
        for term in dictionary.terms {
            // Predicate names are in the dictionary too (triple/3 binds them); they were
            // offered above with their parenthesis.
            if case .entity(let n) = term, n.hasPrefix(word), !session.table.isKnown(n) { out.insert(CompletionCandidate(n)) }
        }
        if out.isEmpty {
            // By any name (NamePredicate: labels, alt labels, acronyms, titles, headings, listed
            // topics, descriptive labels): one candidate per entity, shown with the first name
            // that starts with the word.
            for (entity, name) in NameIndex(database: session.database).entities(withNamePrefix: word) {
                guard case .entity(let n) = entity else { continue }
                out.insert(CompletionCandidate(n, display: "\(n) (\(TerminalSafe.text(name.text)))"))
            }
        }
        // Sorted by what is inserted, then by how it is shown, so the list is the same every time.
        return (start, out.sorted { ($0.text, $0.display) < ($1.text, $1.display) })
    }

    private static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
}
