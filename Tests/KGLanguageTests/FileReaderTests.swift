import Foundation
import Testing
@testable import KGLanguage

@Suite struct FileReaderTests {
    private static func write(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "kg-filereader-\(UUID().uuidString).nt"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Pieces end just after a line feed, carry their file offsets, and together are the file.
    @Test func piecesEndAtLineFeedsAndCoverTheFile() throws {
        var text = ""
        for i in 0..<500 { text += "<a\(i)> <p> \"\(String(repeating: "x", count: i % 37))\" .\n" }
        text += "<last> <p> <o> ."            // no line feed at the end
        let bytes = Array(text.utf8)
        let path = try Self.write(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var joined: [UInt8] = []
        var pieces = 0
        let error = FileReader.lines(of: path, chunkSize: 1) { piece, offset in
            #expect(offset == joined.count)
            joined += piece
            pieces += 1
        }
        #expect(error == nil)
        #expect(joined == bytes)
        #expect(pieces > 3)
        // Every piece but the last ends with a line feed: checked by re-reading with a bigger size.
        var ends: [UInt8] = []
        _ = FileReader.lines(of: path, chunkSize: 4096) { piece, _ in ends.append(piece.last ?? 0) }
        #expect(ends.dropLast().allSatisfy { $0 == 0x0A })
    }

    /// A line longer than the piece size comes whole; a byte order mark is skipped but counted.
    @Test func longLinesAndByteOrderMark() throws {
        let long = String(repeating: "y", count: 10_000)
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<a> <p> \"\(long)\" .\n<b> <p> <c> .\n".utf8)
        let path = try Self.write(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var seen: [(Int, [UInt8])] = []
        let error = FileReader.lines(of: path, chunkSize: 16) { piece, offset in seen.append((offset, Array(piece))) }
        #expect(error == nil)
        #expect(seen.first?.0 == 3)
        #expect(seen.flatMap { $0.1 } == Array(bytes.dropFirst(3)))
        #expect(seen.first.map { String(decoding: $0.1, as: UTF8.self).contains(long) } == true)
    }

    @Test func missingFilesAndDirectoriesAreErrors() {
        let missing = FileReader.lines(of: "/nonexistent/kg/x.nt") { _, _ in Issue.record("no piece") }
        #expect(missing?.errno == ENOENT)
        let folder = FileReader.lines(of: NSTemporaryDirectory()) { _, _ in Issue.record("no piece") }
        #expect(folder?.errno == EISDIR)
    }

    @Test func anEmptyFileHasNoPieces() throws {
        let path = try Self.write([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        var pieces = 0
        #expect(FileReader.lines(of: path) { _, _ in pieces += 1 } == nil)
        #expect(pieces == 0)
    }
}
