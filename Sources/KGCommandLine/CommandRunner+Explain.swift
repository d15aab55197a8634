import KGEngine
import KGFormats
import KnowledgeGraph

extension CommandRunner {
    /// `kg explain FILE...`: loads like `kg run`, then evaluates every rule and answers the
    /// files' queries with the executor's step counters on, and prints how: the strata in
    /// order, each rule's join order, the index each step probes, rows in and out and time
    /// per step. The answers themselves are not printed (`kg run` prints them).
    func explain() -> ExitCode {
        guard let session = makeSession(inPlace: false) else { return .failure }
        let result = session.load(paths: options.dataFiles + options.arguments)
        report(result.diagnostics)
        if result.hasErrors { return .failure }
        do {
            let explanation = try session.explain(result.queries, onlyWhatTheyNeed: false, timed: !options.explainWithoutTimes)
            console.out(ExplainRenderer.render(strata: explanation.strata, queries: explanation.queries,
                                               timed: !options.explainWithoutTimes))
            return .success
        } catch let error as EvaluationError {
            console.error(error.description + "\n")
            return .failure
        } catch {
            console.error("kg: error: \(error)\n")
            return .failure
        }
    }
}
