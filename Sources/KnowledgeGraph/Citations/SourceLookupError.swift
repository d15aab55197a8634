/// Why a source's lines cannot be named or shown: each case says what is wrong in words the
/// user can act on (which id, which file, which folder), never a crash.
public enum SourceLookupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No fact is cited to this id and it has no source facts; `suggestions` are the nearest
    /// known source ids (prefix matches first, else the nearest by edit distance).
    case unknownSource(id: String, suggestions: [String])
    /// A known source that names no lines: a whole document (with its file), a curation
    /// source, or a section the curators gave no `line_range`.
    case noLineRange(id: String, file: String?, sections: [String])
    /// The source has a `line_range`, but following `passage_of` and `section_of` reaches no
    /// entity with a `source_file` (or goes round in a loop).
    case noDocument(id: String, reachedLoop: Bool)
    /// `line_range(S, First, Last)` with First < 1, Last < First, or arguments that are not
    /// whole numbers.
    case badRange(id: String, range: String)
    /// The `--docs` folder does not exist, or is a file.
    case folderMissing(path: String)
    case notAFolder(path: String)
    /// `source_file` names something that is not a plain file name (a path, `..`).
    case badFileName(document: String, file: String)
    /// The folder has no such file.
    case fileMissing(folder: String, file: String, document: String)
    /// The file exists but cannot be read (permissions, a folder in its place, too large).
    case unreadable(path: String, reason: String)
    /// The file is not valid UTF-8; `line` is the line of the first bad byte.
    case invalidUTF8(path: String, line: Int)
    /// The range ends past the file's last line.
    case beyondEnd(id: String, file: String, first: Int, last: Int, lineCount: Int)

    public var description: String {
        switch self {
        case .unknownSource(let id, let suggestions):
            let hint = suggestions.isEmpty ? "" : "; did you mean " + Self.list(suggestions) + "?"
            return "unknown source '\(id)': no fact is cited to it and it has no line_range\(hint)"
        case .noLineRange(let id, let file, let sections):
            if let file {
                let some = sections.isEmpty ? "" : ", such as " + Self.list(Array(sections.prefix(3)))
                return "\(id) is a whole document (\(file)) and names no lines; give one of its sections or passages\(some)"
            }
            return "\(id) names no lines of a document: it has no line_range"
        case .noDocument(let id, let loop):
            return loop
                ? "\(id): passage_of/section_of go round in a loop and reach no document"
                : "\(id) has a line_range but belongs to no document: follow passage_of and section_of to an entity with a source_file"
        case .badRange(let id, let range):
            return "\(id) has an invalid line_range \(range): lines are whole numbers from 1 (to 2147483647), first <= last"
        case .folderMissing(let path):
            return "the documents folder '\(path)' does not exist (--docs names the folder holding your copy of the source documents)"
        case .notAFolder(let path):
            return "'\(path)' is not a folder (--docs names the folder holding your copy of the source documents)"
        case .badFileName(let document, let file):
            return "\(document) has source_file \"\(file)\", which is not a plain file name"
        case .fileMissing(let folder, let file, let document):
            return "the documents folder '\(folder)' has no file \(file) (the text of \(document))"
        case .unreadable(let path, let reason):
            return "cannot read '\(path)': \(reason)"
        case .invalidUTF8(let path, let line):
            return "'\(path)' is not UTF-8 text (the first invalid byte is on line \(line))"
        case .beyondEnd(let id, let file, let first, let last, let count):
            return "\(id) cites lines \(first)–\(last) of \(file), which has only \(count) line\(count == 1 ? "" : "s")"
        }
    }

    /// "a", "a or b", "a, b or c" (or with another conjunction: "a, b and c").
    static func list(_ items: [String], conjunction: String = "or") -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + (items.last ?? "")
    }
}
