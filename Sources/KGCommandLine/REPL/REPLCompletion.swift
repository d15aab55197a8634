import KGStore
import KGEngine
import KnowledgeGraph

/// Tab completion for the REPL: `:commands` at the start of a line, then predicate names
/// (completed with their opening parenthesis), entity ids, and entities by label (typing
/// "Perú" offers `peru`), ignoring case and accents.
enum REPLCompletion {
    static func candidates(line: String, cursor: Int, session: Session) -> (start: Int, candidates: [String]) {
        let chars = Array(line)
        let end = min(cursor, chars.count)
        var start = end
        while start > 0, isWordCharacter(chars[start - 1]) { start -= 1 }
        let word = String(chars[start..<end])
        if start > 0, chars[start - 1] == ":", chars[..<(start - 1)].allSatisfy(\.isWhitespace) {
            return (start, REPL.commands.map(\.name).filter { $0.hasPrefix(word) })
        }
        guard !word.isEmpty else { return (start, []) }
        var out = Set<String>()
        for entry in session.table.entries.values where entry.spelling.hasPrefix(word) && session.table.isKnown(entry.name) {
            out.insert(entry.arity == 0 ? entry.spelling : entry.spelling + "(")
        }
        for name in ["contains", "starts_with", "ends_with", "like", "matches", "lower", "fold", "concat", "length", "str",
                     "year_of", "month_of", "triple", "quad"] where name.hasPrefix(word) {
            out.insert(name + "(")
        }
        let dictionary = session.database.dictionary
        for term in dictionary.terms {
            // Predicate names are in the dictionary too (triple/3 binds them); they were
            // offered above with their parenthesis.
            if case .entity(let n) = term, n.hasPrefix(word), !session.table.isKnown(n) { out.insert(n) }
        }
        if out.isEmpty, let label = session.database.existingRelation("label"), label.arity == 2 {
            let needle = TextFolding.fold(word)
            for row in 0..<label.count where TextFolding.fold(dictionary[label.value(row: row, column: 1)].text).hasPrefix(needle) {
                if case .entity(let n) = dictionary[label.value(row: row, column: 0)] { out.insert(n) }
            }
        }
        return (start, out.sorted())
    }

    private static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
}
