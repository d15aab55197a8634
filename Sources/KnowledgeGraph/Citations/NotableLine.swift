/// Does a line of a document carry a name, a date or a figure? The heuristic `kg coverage`
/// uses to pick, among the lines no fact cites, those the graph probably still lacks.
///
/// A line is notable when it has at least one of:
/// - **figure**: a digit (a number, a year, a date written in figures, an article number);
/// - **date**: a month name as a word — Spanish in any case (`enero` … `diciembre`,
///   `setiembre` too), English only capitalised (`March`, `May`: lowercase they are words);
/// - **acronym**: a word of two or more letters all in capitals (`CRM`, `OIM`, `COVID-19`);
/// - **name**: a capitalised word of two or more letters that does not start a sentence — not
///   the line's first word, nor the first after `.`, `!`, `?`, `¿`, `¡`, `:` or a bullet — since
///   Spanish capitalises little else mid-sentence (`Perú`, `Conferencia Regional`).
///
/// It errs towards showing a line: a heading in capitals counts (headings are names).
public enum NotableLine {
    public enum Kind: String, Sendable, CaseIterable {
        case figure, date, acronym, name
    }

    static let spanishMonths: Set<String> = [
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
        "septiembre", "setiembre", "octubre", "noviembre", "diciembre",
    ]
    static let englishMonths: Set<String> = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]
    static let sentenceBreaks: Set<Character> = [".", "!", "?", "¿", "¡", ":", "•", "·", "▪", "●", "◦"]

    /// What the line carries, in the order of `Kind.allCases`; empty for an ordinary line.
    public static func kinds(_ line: String) -> [Kind] {
        var found = Set<Kind>()
        if line.contains(where: { $0.isASCII && $0.isNumber }) { found.insert(.figure) }
        var sentenceStart = true
        var word = ""
        func endWord() {
            guard !word.isEmpty else { return }
            let letters = word.filter(\.isLetter)
            if spanishMonths.contains(word.lowercased()) || englishMonths.contains(word) { found.insert(.date) }
            if letters.count >= 2 {
                if letters.allSatisfy(\.isUppercase) {
                    found.insert(.acronym)
                } else if let first = word.first, first.isUppercase, !sentenceStart {
                    found.insert(.name)
                }
            }
            sentenceStart = false
            word = ""
        }
        for c in line {
            if c.isLetter || c.isNumber || ((c == "-" || c == "'" || c == "’") && !word.isEmpty) {
                word.append(c)
                continue
            }
            endWord()
            if sentenceBreaks.contains(c) { sentenceStart = true }
        }
        endWord()
        return Kind.allCases.filter(found.contains)
    }
}
