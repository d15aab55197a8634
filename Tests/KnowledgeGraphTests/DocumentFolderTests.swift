import Foundation
import KnowledgeGraph
import Testing

@Suite struct DocumentFolderTests {
    @Test func linesAreNumberedAsSedPrintsThem() throws {
        let text = try #require(DocumentText(file: "a.txt", bytes: Array("one\ntwo\r\n\nfour\n".utf8)))
        #expect(text.lines == ["one", "two", "", "four"])
        #expect(text.lines(2...3).map(\.number) == [2, 3])
        #expect(text.lines(2...3).map(\.text) == ["two", ""])
        // No final line break: the last line still counts; a byte-order mark is not text.
        #expect(DocumentText(file: "b.txt", bytes: [0xEF, 0xBB, 0xBF] + Array("x\ny".utf8))?.lines == ["x", "y"])
        #expect(DocumentText(file: "c.txt", bytes: [])?.lineCount == 0)
    }

    @Test func invalidUTF8IsRefusedWithTheLineOfTheFirstBadByte() throws {
        let bytes: [UInt8] = Array("ok\nalso ok\n".utf8) + [0x61, 0xF3, 0x6E, 0x0A]
        #expect(DocumentText(file: "x.txt", bytes: bytes) == nil)
        let url = try CitationFixture.folder(["bad.txt": bytes])
        defer { try? FileManager.default.removeItem(at: url) }
        let folder = try DocumentFolder(path: url.path)
        #expect(throws: SourceLookupError.invalidUTF8(path: url.appendingPathComponent("bad.txt").path, line: 3)) {
            try folder.text(of: "bad.txt", document: "src_x")
        }
    }

    @Test func aMissingFolderOrAFileInItsPlaceIsAnError() throws {
        #expect(throws: SourceLookupError.folderMissing(path: "/nonexistent/kg-docs")) { try DocumentFolder(path: "/nonexistent/kg-docs") }
        let url = try CitationFixture.documentsFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let file = url.appendingPathComponent("900_test.txt").path
        #expect(throws: SourceLookupError.notAFolder(path: file)) { try DocumentFolder(path: file) }
        #expect("\(SourceLookupError.folderMissing(path: "d"))".contains("'d' does not exist"))
    }

    @Test func aMissingFileIsNamedWithItsDocument() throws {
        let url = try CitationFixture.documentsFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let folder = try DocumentFolder(path: url.path)
        #expect(try folder.text(of: "900_test.txt", document: "src_doc900").lineCount == 20)
        let error = SourceLookupError.fileMissing(folder: url.path, file: "901_none.txt", document: "src_doc901")
        #expect(throws: error) { try folder.text(of: "901_none.txt", document: "src_doc901") }
        #expect(error.description.contains("has no file 901_none.txt (the text of src_doc901)"))
    }

    @Test func aFileNameThatIsAPathIsRefused() throws {
        let url = try CitationFixture.documentsFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let folder = try DocumentFolder(path: url.path)
        for name in ["../900_test.txt", "sub/900_test.txt", "..", ""] {
            #expect(throws: SourceLookupError.badFileName(document: "src_x", file: name)) { try folder.text(of: name, document: "src_x") }
        }
    }

    @Test func aFolderWhereTheFileShouldBeIsUnreadable() throws {
        let url = try CitationFixture.documentsFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        try FileManager.default.createDirectory(at: url.appendingPathComponent("902_dir.txt"), withIntermediateDirectories: true)
        let folder = try DocumentFolder(path: url.path)
        #expect(throws: SourceLookupError.unreadable(path: url.appendingPathComponent("902_dir.txt").path, reason: "it is a directory")) {
            try folder.text(of: "902_dir.txt", document: "src_x")
        }
    }
}
