import KGEngine
import KGFormats
import KGLanguage
import KnowledgeGraph

extension REPL {
    /// `:plan QUERY`: evaluates afresh the rules the query depends on, then the query, with
    /// the executor's step counters on, and prints the strata, each rule's join order and the
    /// index each step probes, with rows in and out and time per step. The session is left as
    /// it was; the answer itself is not printed.
    func plan(_ argument: String) {
        var text = argument.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { usagePlan(); return }
        if !text.hasPrefix("?-") { text = "?- " + text }
        if !text.hasSuffix(".") { text += "." }
        // One query and nothing else: a fact or rule typed here would change the session.
        let (statements, _) = Parser.parse(SourceFile(name: "<input>", text: text))
        let queries = statements.filter { if case .query = $0 { return true } else { return false } }
        guard statements.count <= 1, queries.count == statements.count else { usagePlan(); return }
        let result = session.load(text: text, name: "<input>")
        report(result.diagnostics)
        guard !result.hasErrors, let query = result.queries.first else { return }
        InterruptFlag.reset()
        do {
            let explanation = try session.explain([query], onlyWhatTheyNeed: true)
            console.out(TerminalSafe.lines(ExplainRenderer.render(strata: explanation.strata, queries: explanation.queries)))
        } catch {
            reportError(error)
        }
    }

    private func usagePlan() {
        console.error("usage: :plan QUERY (one query, as in :plan ?- member_of(S, csm).)\n")
    }
}
