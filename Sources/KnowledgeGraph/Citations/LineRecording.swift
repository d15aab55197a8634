import KGEngine

/// One thing a line prints that no fact cited to its passage records.
public struct UnrecordedToken: Sendable, Equatable, CustomStringConvertible {
    /// `figure`, `date` (a month name), `acronym` or `name`.
    public let kind: NotableLine.Kind
    /// As printed (a name: its unrecorded words, joined by spaces).
    public let text: String

    public init(kind: NotableLine.Kind, text: String) {
        self.kind = kind
        self.text = text
    }

    public var description: String { "\(kind.rawValue) \(text)" }
}

/// Does the graph record what a line prints? `kg coverage`'s check of a cited line against
/// the facts cited to its passage (`RecordedValues`), token by token (`LineTokens`).
///
/// - A figure is recorded when some fact's number, date or string holds it.
/// - A month name is recorded when some fact's date falls in that month, or a string names it.
/// - A name run is read left to right: the longest stretch of its words that some recorded
///   string holds (in order, near enough for OCR damage) is recorded, and the reading goes on
///   after it; a word no stretch holds is unrecorded, and unrecorded words next to each other
///   are reported together (`Villa Ejemplo`). A connector on its own is never reported, nor
///   the first word of a run that starts a sentence when no stretch holds it (Spanish
///   capitalises it anyway: `Durante`, `Asistieron`), nor a generic word official prose
///   capitalises (`Gobierno`, `Estados`, `Presidencia`, `Países Miembros`, `Foto`), nor a
///   single letter (an initial, a numeral `V`, an OCR remnant).
public enum LineRecording {
    /// Words Spanish official prose capitalises though they name nothing on their own
    /// ("el Gobierno de México", "los Estados", "la Presidencia Pro Tempore"): never reported
    /// alone, though they may be part of a recorded stretch. Compared folded.
    static let generic: Set<String> = [
        "gobierno", "gobiernos", "estado", "estados", "presidencia", "presidencias", "pais", "paises", "miembro", "miembros",
        "pro", "tempore", "pro-tempore", "foto", "fotos", "pueblo", "organismo", "organismos", "observador", "observadores",
    ]

    /// What the line prints that `recorded` lacks, in the line's order by kind: figures,
    /// months, then names and acronyms.
    /// `startsSentence`: false when the line goes on with the sentence of the line before (see
    /// `LineTokens`).
    public static func unrecorded(_ line: String, recorded: RecordedValues, startsSentence: Bool = true) -> [UnrecordedToken] {
        let tokens = LineTokens(line, startsSentence: startsSentence)
        var out: [UnrecordedToken] = []
        var seen = Set<String>()
        func add(_ kind: NotableLine.Kind, _ text: String) {
            if seen.insert("\(kind.rawValue) \(text)").inserted { out.append(UnrecordedToken(kind: kind, text: text)) }
        }
        for f in tokens.figures where !recorded.records(figure: f) { add(.figure, f) }
        for m in tokens.months {
            guard let month = LineTokens.month(m) else { continue }
            if !recorded.records(month: month) && !recorded.records(words: [m]) { add(.date, m) }
        }
        for run in tokens.names {
            for missing in unrecordedWords(of: run, recorded: recorded) {
                let single = !missing.contains(" ") && LineTokens.isAllCapitals(missing)
                add(single ? .acronym : .name, missing)
            }
        }
        return out
    }

    /// The stretches of a run's words that no recorded string holds.
    static func unrecordedWords(of run: LineTokens.NameRun, recorded: RecordedValues) -> [String] {
        let words = run.words
        var missing: [[String]] = []
        var current: [String] = []
        var pendingConnectors: [String] = []
        func flush() {
            if !current.isEmpty { missing.append(current) }
            current = []
            pendingConnectors = []
        }
        var i = 0
        while i < words.count {
            let word = words[i]
            if LineTokens.connectors.contains(word.lowercased()) {
                if !current.isEmpty { pendingConnectors.append(word) }
                i += 1
                continue
            }
            var matched = 0
            var j = words.count
            while j > i {
                var stretch = Array(words[i..<j])
                while let last = stretch.last, LineTokens.connectors.contains(last.lowercased()) { stretch.removeLast() }
                if !stretch.isEmpty, recorded.records(words: stretch) {
                    matched = j - i
                    break
                }
                j -= 1
            }
            if matched > 0 {
                flush()
                i += matched
                continue
            }
            let ordinary = (i == 0 && run.sentenceInitial && !LineTokens.isAllCapitals(word)) || RecordedValues.words(word).allSatisfy(generic.contains)
                || word.filter(\.isLetter).count < 2
            if !ordinary {
                current += pendingConnectors
                current.append(word)
            }
            pendingConnectors = []
            i += 1
        }
        flush()
        return missing.map { $0.joined(separator: " ") }
    }
}
