import Testing
import KGLanguage
@testable import KGAnalysis

/// A parsed program: its rules (clauses with a body or with variables), facts, queries, and
/// a predicate table filled the way the session fills it.
struct ParsedProgram {
    var rules: [Clause] = []
    var facts: [Clause] = []
    var queries: [Query] = []
    let table = PredicateTable()
    /// Arity errors found while filling the table, and parse errors.
    var diagnostics: [Diagnostic] = []

    init(_ text: String, name: String = "t.dl") {
        let (statements, parseErrors) = Parser.parse(SourceFile(name: name, text: text))
        diagnostics = parseErrors
        #expect(parseErrors.isEmpty, "parse errors: \(parseErrors.map(\.message))")
        for s in statements {
            switch s {
            case .clause(let c):
                if let d = table.use(c.head.predicate, spelling: c.head.spelling, arity: c.head.arity, at: c.head.predicateRange) {
                    diagnostics.append(d)
                    continue
                }
                useAtoms(c.body)
                let ground = c.head.arguments.allSatisfy { if case .constant = $0 { return true } else { return false } }
                if c.body.isEmpty && ground {
                    table.markFacts(c.head.predicate)
                    facts.append(c)
                } else {
                    table.markRules(c.head.predicate)
                    rules += c.branches()
                }
            case .query(let q):
                useAtoms(q.body)
                queries.append(q)
            case .declaration(let d):
                if let problem = table.declare(d) { diagnostics.append(problem) }
            case .include:
                break
            }
        }
    }

    private mutating func useAtoms(_ body: [Literal]) {
        for a in body.allAtoms {
            if let d = table.use(a.predicate, spelling: a.spelling, arity: a.arity, at: a.predicateRange) { diagnostics.append(d) }
        }
    }

    /// Runs the analyser over every rule and query.
    func analyze() -> Analyzer.Result {
        Analyzer.analyze(existing: [], added: rules, queries: queries, table: table)
    }

    /// `line:col: severity: message` for every diagnostic of the table and the analysis.
    func messages() -> [String] {
        (diagnostics + analyze().diagnostics).map(describe)
    }
}

/// `line:col: severity: message` (or just the message when it has no place).
func describe(_ d: Diagnostic) -> String {
    guard let r = d.range else { return "\(d.severity.rawValue): \(d.message)" }
    let (line, column) = r.file.lineAndColumn(of: r.start)
    return "\(line):\(column): \(d.severity.rawValue): \(d.message)"
}

/// Every ordering of `items` (Heap's algorithm).
func permutations<T>(_ items: [T]) -> [[T]] {
    var a = items, out: [[T]] = []
    func generate(_ k: Int) {
        if k <= 1 { out.append(a); return }
        for i in 0..<k {
            generate(k - 1)
            a.swapAt(k % 2 == 0 ? i : 0, k - 1)
        }
    }
    generate(a.count)
    return out
}
