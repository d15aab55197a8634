import KnowledgeGraph

/// The line `kg check` prints on standard error when it finds no error, so that "clean" is
/// told from "did nothing":
///
///     kg check: checked 2 files (5 facts, 1 rule, 1 query): no warnings
///
/// The counts are of the files named on the command line (and `--data`, and what they
/// include), not of the seed graph. `.ci/run` accepts exactly this line ending in
/// `no warnings`.
enum CheckSummary {
    static func line(_ result: LoadResult, warnings: Int) -> String {
        func count(_ n: Int, _ noun: String, _ plural: String? = nil) -> String {
            "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
        }
        let what = [count(result.factsAdded, "fact"), count(result.rulesAdded, "rule"),
                    count(result.queries.count, "query", "queries")].joined(separator: ", ")
        let outcome = warnings == 0 ? "no warnings" : count(warnings, "warning")
        return "kg check: checked \(count(result.filesRead, "file")) (\(what)): \(outcome)"
    }
}
