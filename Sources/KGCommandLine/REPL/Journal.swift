/// The statements a REPL session added, kept so `:save` can write them back as a program
/// that reloads to the same facts, sources and rules.
struct Journal {
    var declarations: [String] = []
    /// Rules, and facts stated under no source, in the order typed.
    var unsourced: [String] = []
    /// Facts by source, sources in the order first used.
    private(set) var sourced: [(source: String, facts: [String])] = []

    mutating func add(_ fact: String, source: String) {
        if let i = sourced.firstIndex(where: { $0.source == source }) {
            sourced[i].facts.append(fact)
        } else {
            sourced.append((source, [fact]))
        }
    }

    /// Forgets a retracted fact (given as its text with the final dot).
    mutating func remove(_ fact: String) {
        unsourced.removeAll { $0 == fact }
        for i in sourced.indices { sourced[i].facts.removeAll { $0 == fact } }
    }

    var count: Int { declarations.count + unsourced.count + sourced.reduce(0) { $0 + $1.facts.count } }

    /// The program text: prefixes, declarations, unsourced statements, then each source's facts.
    func text(prefixes: [(String, String)]) -> String {
        var out = "% Saved from a kg session.\n"
        for (name, iri) in prefixes { out += "@prefix \(name): <\(iri)>.\n" }
        for line in declarations + unsourced { out += line + "\n" }
        for group in sourced {
            out += "@source \(group.source).\n"
            for fact in group.facts { out += fact + "\n" }
        }
        return out
    }
}
