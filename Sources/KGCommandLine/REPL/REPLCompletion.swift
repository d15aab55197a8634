import KGFormats
import KnowledgeGraph

/// Tab completion for the REPL: `:commands` at the start of a line, then the session's
/// completions of the word before the cursor (`Session.completions(of:)`, shared with the
/// query page of `kg serve`): predicates inserted with their opening parenthesis and listed
/// with their arity (`member_of/2`), entity ids, and — when nothing else matches — entities
/// by any of their names (`NameIndex`: typing "Perú" offers `peru`, listed as `peru (Perú)`;
/// "FEMI" offers the forums printed "FEMI 2022" and "FEMI 2026"), ignoring case and accents.
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
        let candidates = session.completions(of: word).map { c -> CompletionCandidate in
            switch c.kind {
            case .predicate, .builtin: return CompletionCandidate(c.insert, display: "\(c.name)/\(c.arity ?? 0)")
            case .entity: return CompletionCandidate(c.insert, display: c.label.map { "\(c.name) (\(TerminalSafe.text($0)))" })
            }
        }
        // Sorted by what is inserted, then by how it is shown, so the list is the same every time.
        return (start, candidates.sorted { ($0.text, $0.display) < ($1.text, $1.display) })
    }

    private static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
}
