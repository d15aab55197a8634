import KGStore

/// When meetings happened, from `start_date/2`, `end_date/2` and `in_year/2` (and
/// `status/2` for planned ones): chronological order and dates as people write them.
struct Chronology {
    /// The earliest stated start and the latest stated end of each entity.
    private(set) var start: [Term: KGDate] = [:]
    private(set) var end: [Term: KGDate] = [:]
    /// Years given with `in_year/2`, sorted.
    private(set) var years: [Term: [Int]] = [:]
    /// Entities whose status is planned or proposed.
    private(set) var planned: Set<Term> = []
    /// The language of month names.
    var language = SiteLanguage.es

    init(facts: [SiteFact]) {
        for fact in facts where fact.isBinary {
            let (x, value) = (fact.arguments[0], fact.arguments[1])
            switch fact.name {
            case "start_date":
                if let d = value.dateValue, start[x].map({ d < $0 }) ?? true { start[x] = d }
            case "end_date":
                if let d = value.dateValue, end[x].map({ $0 < d }) ?? true { end[x] = d }
            case "in_year":
                if case .integer(let y)? = value.numericValue, let year = Int(exactly: y) {
                    years[x, default: []].append(year)
                }
            case "status":
                if ["planned", "proposed"].contains(value.text) { planned.insert(x) }
            default: break
            }
        }
        years = years.mapValues { Array(Set($0)).sorted() }
    }

    /// What is known of an entity's time: a start date, else years, else nothing.
    enum When {
        case dated(KGDate, KGDate?)
        case years([Int])
        case undated
    }

    func when(_ x: Term) -> When {
        if let s = start[x] { return .dated(s, end[x]) }
        if let y = years[x], !y.isEmpty { return .years(y) }
        return .undated
    }

    /// Dated entities by start (then end), then those known by year, then undated ones;
    /// ties by `tieOrder` (the caller's name order).
    func sorted(_ terms: [Term], tieOrder: [Term]) -> [Term] {
        var position: [Term: Int] = [:]
        for (i, t) in tieOrder.enumerated() { position[t] = i }
        func key(_ t: Term) -> (Int, KGDate, KGDate, Int) {
            switch when(t) {
            case .dated(let s, let e): return (0, s, e ?? s, position[t] ?? Int.max)
            case .years(let y): return (1, KGDate(year: Int32(clamping: y[0]), month: 1), KGDate(year: Int32(clamping: y.last!), month: 1), position[t] ?? Int.max)
            case .undated: return (2, KGDate(year: 0, month: 1), KGDate(year: 0, month: 1), position[t] ?? Int.max)
            }
        }
        return terms.map { ($0, key($0)) }.sorted { a, b in
            let (x, y) = (a.1, b.1)
            if x.0 != y.0 { return x.0 < y.0 }
            if x.1 != y.1 { return x.1 < y.1 }
            if x.2 != y.2 { return x.2 < y.2 }
            return x.3 < y.3
        }.map(\.0)
    }

    /// The time as people write it: "9–10 sep 2021", "May 2018", "2021", or "" (months in
    /// `language`).
    func text(_ x: Term) -> String {
        switch when(x) {
        case .dated(let s, let e): return Chronology.format(s, e, months: language.months)
        case .years(let y): return y.map(String.init).joined(separator: ", ")
        case .undated: return ""
        }
    }

    static func format(_ d: KGDate, months: [String]) -> String {
        let month = months[(Int(d.month) - 1 + 12) % 12]
        return d.hasDay ? "\(d.day) \(month) \(d.year)" : "\(month) \(d.year)"
    }

    /// A date range, sharing the month and year where both ends have them.
    static func format(_ s: KGDate, _ e: KGDate?, months: [String]) -> String {
        guard let e, e != s else { return format(s, months: months) }
        guard s.hasDay, e.hasDay, s.year == e.year else { return format(s, months: months) + " – " + format(e, months: months) }
        func m(_ d: KGDate) -> String { months[(Int(d.month) - 1 + 12) % 12] }
        if s.month == e.month { return "\(s.day)–\(e.day) \(m(s)) \(s.year)" }
        return "\(s.day) \(m(s)) – \(e.day) \(m(e)) \(s.year)"
    }
}
