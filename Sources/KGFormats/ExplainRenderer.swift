import Foundation
import KGEngine
import KGLanguage

/// Renders what `kg explain` and `:plan` print: the strata in evaluation order, then each
/// plan as a table of its steps in join order — the literal, the access it makes (the index
/// it probes), the rows that came in and went out, and the time spent in the step itself —
/// with a last row for the head (solutions in, new facts or distinct answers out).
///
///     stratum 2 of 3: path (recursive, 3 rounds, 0.041 ms)
///       rule path(X, Z) :- path(X, Y), edge(Y, Z).  (t.dl:3:1), later rounds, delta of path(X, Y)
///         #  literal     access                       rows in  rows out     ms
///         1  path(X, Y)  scan path, new rows only           2         3  0.002
///         2  edge(Y, Z)  index edge on arg 1                3         1  0.003
///         →  path(X, Z)  derive (out: new facts)            1         1  0.001
///
/// Each branch of a body with `;` is a plan of its own, its heading naming the branch. A body
/// aggregate's step is followed by its inner body's steps, indented and numbered under it
/// (`2.1`, `2.2`), under a line naming each branch of a `;` inside it; they count every run
/// of the inner body, and the aggregate's own time includes theirs.
///
/// Text from the program is made safe for a terminal.
public enum ExplainRenderer {
    public static func render(strata: [StratumProfile], queries: [PlanProfile], timed: Bool = true) -> String {
        var out = ""
        if !strata.isEmpty {
            // A recursive rule has several plans; REPL inputs all start at <input>:1:1.
            let rules = strata.reduce(0) { $0 + Set($1.plans.map { "\($0.location ?? "") \($0.text)" }).count }
            out += "evaluation: \(strata.count) \(strata.count == 1 ? "stratum" : "strata"), \(rules) \(rules == 1 ? "rule" : "rules"), in this order\n"
        }
        for (n, stratum) in strata.enumerated() {
            var about = [stratum.isRecursive ? "recursive, \(stratum.rounds) \(stratum.rounds == 1 ? "round" : "rounds")" : "not recursive"]
            if timed { about.append(milliseconds(stratum.nanoseconds) + " ms") }
            let names = stratum.predicates.map { TerminalSafe.text($0) }.joined(separator: ", ")
            out += "\nstratum \(n + 1) of \(strata.count): \(names) (\(about.joined(separator: ", ")))\n"
            for plan in stratum.plans { out += render(plan, kind: "rule", timed: timed) }
        }
        for plan in queries {
            out += (out.isEmpty ? "" : "\n") + render(plan, kind: "query", timed: timed)
        }
        return out
    }

    /// One plan: a heading line, then its table, indented.
    static func render(_ plan: PlanProfile, kind: String, timed: Bool) -> String {
        var heading = "  \(kind) \(TerminalSafe.text(plan.text))"
        if let location = plan.location { heading += "  (\(TerminalSafe.text(location)))" }
        if let branch = plan.branch {
            let label = TerminalSafe.text(branch.label)
            heading += plan.location == nil ? "  (\(label))" : ", \(label)"
        }
        if let variant = plan.variant { heading += ", \(TerminalSafe.text(variant))" }
        if plan.runs != 1 { heading += ", ran \(plan.runs) times" }
        var lines = [heading]
        for note in plan.notes { lines.append("    note: \(TerminalSafe.text(note))") }
        var rows: [[String]] = [["#", "literal", "access", "rows in", "rows out"] + (timed ? ["ms"] : [])]
        appendSteps(plan.steps, number: "", depth: 0, timed: timed, to: &rows)
        let headAccess = kind == "query" ? "answer (out: distinct rows)" : "derive (out: new facts)"
        rows.append(["→", TerminalSafe.text(plan.head), headAccess, String(plan.solutions), String(plan.produced)]
                    + (timed ? [milliseconds(plan.headNanoseconds)] : []))
        lines += table(rows, rightAligned: [3, 4, 5]).map { "    " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The rows of `steps`, numbered after `number` (`2.` for the steps of step 2's
    /// aggregate); a body aggregate's sub-plans follow its row, indented, each branch of its
    /// inner body under a line naming the branch.
    static func appendSteps(_ steps: [StepProfile], number: String, depth: Int, timed: Bool, to rows: inout [[String]]) {
        let indent = String(repeating: "  ", count: depth)
        for (i, step) in steps.enumerated() {
            let n = number + String(i + 1)
            rows.append([n, indent + TerminalSafe.text(step.literal), step.access, String(step.rowsIn), String(step.rowsOut)]
                        + (timed ? [milliseconds(step.nanoseconds)] : []))
            for branch in step.aggregate {
                if let label = branch.branch { rows.append(["", indent + "  " + TerminalSafe.text(label)]) }
                appendSteps(branch.steps, number: n + ".", depth: depth + 1, timed: timed, to: &rows)
            }
        }
    }

    /// Columns padded to their widest cell; numbers right-aligned; no trailing spaces. A row
    /// of two cells (a branch's label) is printed as it is and widens no column but the first.
    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (i, cell) in row.enumerated() where row.count > 2 || i == 0 { widths[i] = max(widths[i], cell.count) }
        }
        return rows.map { row in
            if row.count == 2, columns > 2 {
                return String(repeating: " ", count: widths[0]) + "  " + row[1]
            }
            var parts: [String] = []
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                parts.append(rightAligned.contains(i) ? pad + cell : (i == row.count - 1 ? cell : cell + pad))
            }
            var line = parts.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    static func milliseconds(_ ns: UInt64) -> String {
        String(format: "%.3f", Double(ns) / 1e6)
    }
}
