import Foundation
import KGLanguage

/// The user's folder with their copy of the source documents (`--docs DIR`). kg ships no
/// document text: it only knows each document's file name (`source_file`) and the line
/// ranges its sources cite, and reads the lines from here when asked to show them.
///
/// Files are read once and kept (a `:why` may cite the same document many times). Every
/// failure is a `SourceLookupError` naming the folder or the file.
public final class DocumentFolder {
    /// The folder as the user gave it.
    public let path: String
    private var cache: [String: Result<DocumentText, SourceLookupError>] = [:]
    /// Files larger than this are refused (the documents are a few hundred KiB).
    static let maxBytes = 64 << 20

    /// Opens the folder; fails when it does not exist or is not a folder.
    public init(path: String) throws(SourceLookupError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .folderMissing(path: path) }
        guard isDirectory.boolValue else { throw .notAFolder(path: path) }
        self.path = path
    }

    /// The text of `file` (a plain file name inside the folder); `document` names the
    /// document entity in messages.
    public func text(of file: String, document: String) throws(SourceLookupError) -> DocumentText {
        if let cached = cache[file] { return try cached.get() }
        let result = Self.read(file, in: path, document: document)
        cache[file] = result
        return try result.get()
    }

    private static func read(_ file: String, in folder: String, document: String) -> Result<DocumentText, SourceLookupError> {
        guard !file.isEmpty, !file.contains("/"), file != ".", file != "..", !file.utf8.contains(0) else {
            return .failure(.badFileName(document: document, file: file))
        }
        let full = (folder as NSString).appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: full) else {
            return .failure(.fileMissing(folder: folder, file: file, document: document))
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: full))?[.size] as? Int, size > maxBytes {
            return .failure(.unreadable(path: full, reason: "it is larger than \(maxBytes >> 20) MiB"))
        }
        switch FileReader.contents(of: full) {
        case .failure(let error): return .failure(.unreadable(path: full, reason: error.reason))
        case .success(let bytes):
            guard let text = DocumentText(file: file, bytes: bytes) else {
                return .failure(.invalidUTF8(path: full, line: DocumentText.lineOfFirstInvalidByte(bytes)))
            }
            return .success(text)
        }
    }
}

/// One document's lines, numbered from 1 as `sed -n 'A,Bp'` prints them: a final line
/// break does not start another line, a UTF-8 byte-order mark is dropped, and a carriage
/// return before a line break is not part of the line.
public struct DocumentText: Sendable {
    public let file: String
    public let lines: [String]

    /// Nil when the bytes are not valid UTF-8.
    public init?(file: String, bytes: [UInt8]) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else { return nil }
        // Split on the scalar: "\r\n" is one Character, which a split on "\n" would not see.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(String.UnicodeScalarView(line.last == "\r" ? line.dropLast() : line))
        }
        if lines.last == "" { lines.removeLast() }
        self.file = file
        self.lines = lines
    }

    public init(file: String, lines: [String]) {
        self.file = file
        self.lines = lines
    }

    public var lineCount: Int { lines.count }

    /// Lines `range` (1-based, inclusive) with their numbers; `range` must lie within the file.
    public func lines(_ range: ClosedRange<Int>) -> [(number: Int, text: String)] {
        let clipped = max(1, range.lowerBound)...max(1, min(range.upperBound, lines.count))
        guard range.lowerBound <= lines.count else { return [] }
        return clipped.map { ($0, lines[$0 - 1]) }
    }

    /// The 1-based line holding the first byte that breaks UTF-8 (for the error message).
    static func lineOfFirstInvalidByte(_ bytes: [UInt8]) -> Int {
        var line = 1
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return line
            }
            guard i + length <= bytes.count else { return line }
            let sequence = Array(bytes[i..<(i + length)])
            if length > 1, String(validating: sequence, as: UTF8.self) == nil { return line }
            if b == 0x0A { line += 1 }
            i += length
        }
        return line
    }
}
