import KGEngine
import KGStore

/// What the facts cited to a passage (or to several: a line may lie in a section and in one of
/// its passages) record, in the forms `kg coverage` compares a line's tokens with
/// (`LineTokens`):
///
/// - **figures**: every integer and decimal value, the year, month and day of every date
///   value, and every figure printed inside a string value or a name; compared without
///   separators or leading zeros (`96.000` is `96000`, `09:00` is `900`);
/// - **months**: the month of every date value, and every month name inside a string or name;
/// - **words**: the words of every string value, of every name (`NameIndex`) of every entity
///   the facts mention, and of the unit's printed heading, folded (lowercase, no accents) and
///   split at anything that is not a letter or a digit; each string's words are kept apart,
///   so a name never matches across two strings.
///
/// A name run is recorded when its words appear in that order in one string, each word equal
/// to the string's word or — to forgive OCR damage — within one edit (a letter added, dropped
/// or changed) for words of 4 to 6 letters, two edits from 7 letters; shorter words and
/// words with a digit must be equal. Words that OCR split or ran together are not matched.
public struct RecordedValues: Sendable {
    private(set) var figures: Set<String> = []
    private(set) var months: Set<Int> = []
    /// Every string's words, one after another, with "" between strings.
    private var words: [String] = [""]
    private var positions: [String: [Int]] = [:]

    public init() {}

    /// Adds the value of one argument of a fact.
    public mutating func add(value: Term) {
        switch value {
        case .integer(let i):
            figures.insert(Self.canonicalFigure(String(i.magnitude)))
        case .decimal:
            figures.insert(Self.canonicalFigure(value.text))
        case .date(let d):
            figures.insert(String(d.year))
            figures.insert(String(d.month))
            if d.day > 0 { figures.insert(String(d.day)) }
            months.insert(Int(d.month))
        case .string(let s, _):
            add(text: s)
        default:
            break
        }
    }

    /// Adds a string: its figures, month names and words.
    public mutating func add(text: String) {
        let tokens = LineTokens(text)
        for f in tokens.figures { figures.insert(Self.canonicalFigure(f)) }
        for m in tokens.months { if let n = LineTokens.month(m) { months.insert(n) } }
        let split = Self.words(text)
        for m in split { if let n = LineTokens.month(m) { months.insert(n) } }
        guard !split.isEmpty else { return }
        for w in split {
            positions[w, default: []].append(words.count)
            words.append(w)
        }
        words.append("")
    }

    /// Adds everything another unit's facts record.
    public mutating func merge(_ other: RecordedValues) {
        figures.formUnion(other.figures)
        months.formUnion(other.months)
        for w in other.words.dropFirst() {
            if !w.isEmpty { positions[w, default: []].append(words.count) }
            words.append(w)
        }
    }

    // MARK: - Checks

    /// True when the figure (as printed) is among the recorded figures.
    public func records(figure: String) -> Bool { figures.contains(Self.canonicalFigure(figure)) }

    /// True when the month (1–12) is recorded.
    public func records(month: Int) -> Bool { months.contains(month) }

    /// True when the words (as printed) appear in this order in one recorded string, each
    /// equal or near enough (see the type's comment).
    public func records(words printed: [String]) -> Bool {
        let wanted = printed.flatMap(Self.words)
        guard let first = wanted.first else { return true }
        for start in candidates(for: first) {
            var ok = true
            for (k, w) in wanted.enumerated().dropFirst() {
                let p = start + k
                guard p < words.count, Self.near(w, words[p]) else { ok = false; break }
            }
            if ok { return true }
        }
        return false
    }

    /// Positions of recorded words equal or near to `word`.
    private func candidates(for word: String) -> [Int] {
        var out = positions[word] ?? []
        guard Self.allowedEdits(word) > 0 else { return out }
        for (w, list) in positions where w != word && Self.near(word, w) { out += list }
        return out
    }

    /// How many edits a word of this length may differ by: 0 up to 3 letters (and for any
    /// word with a digit), 1 from 4, 2 from 7.
    static func allowedEdits(_ word: String) -> Int {
        if word.contains(where: \.isNumber) { return 0 }
        let n = word.count
        return n >= 7 ? 2 : (n >= 4 ? 1 : 0)
    }

    static func near(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let k = allowedEdits(a)
        guard k > 0, !b.isEmpty, !b.contains(where: \.isNumber) else { return false }
        return EditDistance.within(Array(a.unicodeScalars), Array(b.unicodeScalars), k)
    }

    /// Folded (lowercase, no accents) words of `text`, split at anything not a letter or digit.
    static func words(_ text: String) -> [String] {
        TextFolding.fold(text).split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Digits only, without leading zeros ("0" for zero).
    static func canonicalFigure(_ figure: String) -> String {
        let digits = figure.filter { $0.isASCII && $0.isNumber }
        let trimmed = digits.drop { $0 == "0" }
        return trimmed.isEmpty ? (digits.isEmpty ? figure : "0") : String(trimmed)
    }
}

/// Levenshtein distance with a bound, for near-equal words.
enum EditDistance {
    /// True when a and b differ by at most k single-character insertions, deletions or
    /// substitutions.
    static func within(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], _ k: Int) -> Bool {
        if abs(a.count - b.count) > k { return false }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(1, a.count) where !a.isEmpty {
            current[0] = i
            var rowMin = current[0]
            for j in 1...max(1, b.count) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > k { return false }
            swap(&previous, &current)
        }
        return (a.isEmpty ? b.count : previous[b.count]) <= k
    }
}
