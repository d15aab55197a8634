import KGLanguage
import KGStore

/// Orders and pages a query's rows as its options say (`QueryOptions`). Projection
/// (`:select`) happens before: the query is planned with the selected columns as its head, so
/// the rows are already distinct.
///
/// Rows are sorted in kg's term order (numbers by value, dates by time): by the `:order` keys
/// first, each ascending or descending, then by every column left to right, ascending, so the
/// output is the same bytes every time. Then `:offset` rows are skipped and `:limit` kept.
enum AnswerShaping {
    static func shape(_ rows: [[Term]], columns: [String], options: QueryOptions) -> [[Term]] {
        var keys: [(column: Int, descending: Bool)] = []
        for key in options.order ?? [] {
            if let c = columns.firstIndex(of: key.variable.name) { keys.append((c, key.descending)) }
        }
        var sorted = rows
        sorted.sort { a, b in
            for key in keys {
                let c = TermOrder.compare(a[key.column], b[key.column])
                if c != 0 { return key.descending ? c > 0 : c < 0 }
            }
            for (x, y) in zip(a, b) {
                let c = TermOrder.compare(x, y)
                if c != 0 { return c < 0 }
            }
            return false
        }
        let start = min(options.offset ?? 0, sorted.count)
        let end = options.limit.map { min(sorted.count, start + min($0, sorted.count)) } ?? sorted.count
        return Array(sorted[start..<end])
    }
}
