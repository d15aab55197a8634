import Foundation

/// What a line of a document prints that the graph should record: its figures, month names,
/// acronyms and runs of capitalised words (names). `kg coverage` checks each against the facts
/// cited to the line's passage (`RecordedValues`).
///
/// - **figure**: digits, with `.`, `,` or `:` between digit groups kept in one figure
///   (`96.000`, `9:00`), and so is a space before a group of exactly three digits (`12 000`);
///   `/` and every other character separate figures (`181/2023` is two). Not figures: digits glued to a letter (a footnote mark `2CICR`, an ornament `ooo0ooo`)
///   and the enumerator that opens a list item (`1)`, `2.`, `a)`).
///
/// Before reading, the markup a word processor's export leaves (`[bookmark: …]`,
/// `[footnoteRef:1]`) is dropped.
/// - **date**: a month name as a word (Spanish in any case, English capitalised, as
///   `NotableLine`); the day and year beside it are figures of their own.
/// - **name**: a run of words that start with a capital (or are all capitals), joined by
///   spaces and by lowercase connectors (`de`, `del`, `la`, `y`, `sobre`, …) that stand
///   between two such words; any other character ends the run. Connectors at either end are
///   dropped, and so is a capitalised article that starts the sentence (`La Conferencia
///   Regional sobre Migración` is the name `Conferencia Regional sobre Migración`; `El
///   Salvador` mid-sentence keeps its article). A run is an **acronym** when it is one word of two
///   or more letters, all capitals (`CRM`, `COVID-19`).
///
/// Two OCR confusions of a capital I with a lowercase l are read back: `Il` is `II`, `Ia`
/// is `la`.
///
/// A run remembers whether it starts a sentence (the line's first word, or the first after
/// `.`, `!`, `?`, `¿`, `¡`, `:` or a bullet): its first word may then be an ordinary word.
public struct LineTokens: Sendable, Equatable {
    /// A run of capitalised words as printed.
    public struct NameRun: Sendable, Equatable {
        public let words: [String]
        /// True when the run's first word starts a sentence.
        public let sentenceInitial: Bool

        /// One word of two or more letters, all capitals.
        public var isAcronym: Bool { words.count == 1 && LineTokens.isAllCapitals(words[0]) }
        public var text: String { words.joined(separator: " ") }
    }

    public var figures: [String] = []
    /// Month names as printed.
    public var months: [String] = []
    public var names: [NameRun] = []

    /// Lowercase words that may join the words of a name, and articles and connectors dropped
    /// at its ends (compared folded).
    static let connectors: Set<String> = ["de", "del", "la", "las", "los", "el", "y", "e", "en", "para", "sobre", "a", "al", "con", "por", "o", "u", "entre", "d", "da", "do", "das", "dos", "of", "the", "and", "for", "on"]
    static let articles: Set<String> = ["la", "las", "los", "el", "lo", "un", "una", "unos", "unas", "the", "a", "an"]

    /// OCR's confusions of a capital I with a lowercase l, read back: "Il" is the roman
    /// numeral II ("la Il Revisión"), "Ia" the article la ("enfatizó Ia importancia").
    static let ocrReadings: [String: String] = ["Il": "II", "Ia": "la"]

    /// The month (1–12) a word names, Spanish in any case or English capitalised; else nil.
    public static func month(_ word: String) -> Int? {
        let spanish = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
        let english = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let lower = word.lowercased()
        if let i = spanish.firstIndex(of: lower) { return i + 1 }
        if lower == "setiembre" { return 9 }
        if let i = english.firstIndex(of: word) { return i + 1 }
        return nil
    }

    static func isAllCapitals(_ word: String) -> Bool {
        let letters = word.filter(\.isLetter)
        return letters.count >= 2 && letters.allSatisfy(\.isUppercase)
    }

    static func isCapitalised(_ word: String) -> Bool {
        guard let first = word.first(where: \.isLetter) else { return false }
        return first.isUppercase && word.first?.isLetter == true
    }

    /// The line without the markup a word processor's export leaves (`[bookmark: _Hlk104]`,
    /// `[footnoteRef:1]`): bracketed text that starts with `bookmark:` or `footnoteRef:`, and
    /// the `[1:` that opens a footnote's text.
    static func withoutMarkup(_ line: String) -> [Character] {
        var chars = Array(line)
        var i = 0
        while i < chars.count {
            guard chars[i] == "[", let close = chars[i...].firstIndex(of: "]") else { i += 1; continue }
            let inside = String(chars[(i + 1)..<close])
            if inside.hasPrefix("bookmark:") || inside.hasPrefix("footnoteRef:") {
                chars.replaceSubrange(i...close, with: [" "])
            } else if let colon = inside.firstIndex(of: ":"), !inside[..<colon].isEmpty,
                      inside[..<colon].allSatisfy({ $0.isASCII && $0.isNumber }) {
                // A footnote's text: "[1:  La página …]"; its number is markup, the text is not.
                chars.replaceSubrange(i...(i + 1 + inside.distance(from: inside.startIndex, to: colon)), with: [" "])
            }
            i += 1
        }
        return chars
    }

    /// Where the text starts after an enumerator that opens the line, else 0: one or two
    /// digits or up to four lowercase letters, then `)` or `.` and a space (`1)`, `2.`, `a)`,
    /// `iv.`), or one or two digits, a space and a capital (a footnote's number: `5 Espacios`).
    static func enumeratorEnd(_ chars: [Character]) -> Int {
        var i = 0
        while i < chars.count, chars[i].isWhitespace || chars[i] == "*" { i += 1 }
        let start = i
        while i < chars.count, chars[i].isLetter || (chars[i].isASCII && chars[i].isNumber) { i += 1 }
        let item = chars[start..<i]
        let digits = item.allSatisfy { $0.isASCII && $0.isNumber }
        guard !item.isEmpty, digits ? item.count <= 2 : (item.count <= 4 && item.allSatisfy(\.isLowercase)), i + 1 < chars.count else { return 0 }
        if chars[i] == ")" || chars[i] == ".", chars[i + 1] == " " { return i + 1 }
        if digits, chars[i] == " ", chars[i + 1].isUppercase { return i }
        return 0
    }

    /// True when exactly three digits follow position `j` (then no digit).
    static func threeDigits(_ chars: [Character], after j: Int) -> Bool {
        func digit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        guard j + 3 < chars.count else { return false }
        for k in (j + 1)...(j + 3) where !digit(chars[k]) { return false }
        return j + 4 == chars.count || !digit(chars[j + 4])
    }

    /// True for digits already grouped by spaces ("12 000" before " 000").
    static func isGrouped(_ figure: ArraySlice<Character>) -> Bool {
        let groups = figure.split(separator: " ")
        guard groups.count > 1, let first = groups.first else { return false }
        return first.count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// Does a line start a sentence, given the line before it? Yes after a blank line, a line
    /// that ends with `.`, `!`, `?`, `:` or `;`, and a line that looks like a heading: all in
    /// capitals, opening with a number or roman numeral and `.` or `)` (`II. Debate`), or of at
    /// most four words. Otherwise the line goes on with the sentence of the one before (a
    /// paragraph wrapped over several lines), and its first word is no sentence's first word.
    public static func startsSentence(after previous: String) -> Bool {
        let before = previous.trimmingCharacters(in: .whitespaces)
        guard let last = before.last, !".!?:;".contains(last) else { return true }
        let letters = before.filter(\.isLetter)
        if !letters.isEmpty && letters.allSatisfy(\.isUppercase) { return true }
        if before.split(separator: " ").count <= 4 { return true }
        let lead = before.prefix { $0.isNumber || "IVXLC".contains($0) }
        if !lead.isEmpty, let next = before.dropFirst(lead.count).first, next == "." || next == ")" { return true }
        return false
    }

    /// Reads one line; `startsSentence` is false when the line goes on with the sentence of
    /// the line before (a paragraph wrapped over several lines), so that its first word is no
    /// sentence's first word.
    public init(_ line: String, startsSentence: Bool = true) {
        var chars = Self.withoutMarkup(line)
        let enumerator = Self.enumeratorEnd(chars)
        if enumerator > 0 { chars.replaceSubrange(0..<enumerator, with: [" "]) }
        // Figures first: digit groups joined by one '.', ',' or ':' between digits. Digits
        // glued to a letter (a footnote mark "2CICR", "ooo0ooo") are no figure.
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isNumber else { i += 1; continue }
            var j = i
            while j < chars.count {
                if chars[j].isASCII && chars[j].isNumber { j += 1; continue }
                if ".,:".contains(chars[j]), j + 1 < chars.count, chars[j + 1].isASCII, chars[j + 1].isNumber { j += 1; continue }
                // A space between thousands: "12 000" (a group of 1–3 digits, then exactly 3).
                if chars[j] == " ", j - i <= 3 || Self.isGrouped(chars[i..<j]), Self.threeDigits(chars, after: j) { j += 1; continue }
                break
            }
            let glued = (i > 0 && (chars[i - 1].isLetter || ")]”»\"'".contains(chars[i - 1]))) || (j < chars.count && chars[j].isLetter)
            if !glued { figures.append(String(chars[i..<j])) }
            i = j
        }
        // Words, with what separates each from the one before. A list item starts a sentence.
        var sentenceStart = startsSentence || enumerator > 0
        var run: [String] = []
        var runInitial = false
        var pendingConnectors: [String] = []
        var word = ""
        var gapIsSpace = true
        func closeRun() {
            if !run.isEmpty { names.append(Self.trimmed(NameRun(words: run, sentenceInitial: runInitial))) }
            run = []
            pendingConnectors = []
        }
        func endWord() {
            guard !word.isEmpty else { return }
            defer { word = ""; sentenceStart = false; gapIsSpace = true }
            if let read = Self.ocrReadings[word] { word = read }
            if Self.month(word) != nil { months.append(word) }
            let hasLetter = word.contains(where: \.isLetter)
            let capital = hasLetter && (Self.isCapitalised(word) || Self.isAllCapitals(word))
            if capital {
                if !run.isEmpty && gapIsSpace {
                    run += pendingConnectors
                } else {
                    closeRun()
                    runInitial = sentenceStart
                }
                pendingConnectors = []
                run.append(word)
            } else if hasLetter, !run.isEmpty, gapIsSpace, Self.connectors.contains(word.lowercased()) {
                pendingConnectors.append(word)
            } else {
                closeRun()
            }
        }
        for c in chars {
            if c.isLetter || (c.isNumber && !word.isEmpty && word.contains(where: \.isLetter)) || ((c == "-" || c == "'" || c == "’") && !word.isEmpty) {
                word.append(c)
                continue
            }
            if c.isNumber {
                // A figure: it ends any run (it is checked on its own).
                endWord()
                closeRun()
                continue
            }
            endWord()
            if c == " " || c == "\t" {
                continue
            }
            gapIsSpace = false
            closeRun()
            if NotableLine.sentenceBreaks.contains(c) { sentenceStart = true }
        }
        endWord()
        closeRun()
        names.removeAll { $0.words.isEmpty || $0.words.joined().filter(\.isLetter).count < 2 }
    }

    /// The run without articles and connectors at its ends.
    static func trimmed(_ run: NameRun) -> NameRun {
        var words = run.words
        var initial = run.sentenceInitial
        // A capitalised article is part of a name ("El Salvador", "La Paz") unless it only
        // starts the sentence ("La Conferencia Regional ...").
        while let first = words.first, connectors.contains(first.lowercased()) || articles.contains(first.lowercased()),
              initial || words.count == 1 || !articles.contains(first.lowercased()) || first.first?.isLowercase == true {
            words.removeFirst()
            initial = false
        }
        while let last = words.last, connectors.contains(last.lowercased()) { words.removeLast() }
        return NameRun(words: words, sentenceInitial: initial)
    }
}
